"""The demo's đảng phí, recorded through the dues services like user data.

The TCCSĐ that keep their dues in dangvu (`UNITS`: the secretary's hospital and a few more
of the Provincial People's Committee's) have a basis for each member from January 2024 and
the cells' monthly collections from then to the last closed month, across the change of
rules on 1/2/2026: each member pays what the month's rule set makes them owe. A few pay
late (several months at once), one has a reduction decision under Quy định 01-QĐ/TW, and
one has paid nothing for the last three closed months, which puts them on the due list.
The other TCCSĐ have no bases yet: nothing is owed there, and nobody is in arrears.
"""

import datetime as dt
import random
from collections import defaultdict

from django.db.models import Q

from dangvu.common.audit import audit_deferred
from dangvu.dues.deadlines import last_closed_month
from dangvu.dues.obligations import Obligations, months_between
from dangvu.dues.rules import Category, Region, ReliefGround, ReliefKind
from dangvu.dues.services import (
    Collected,
    dues_basis_set,
    dues_collect_cells,
    dues_relief_grant,
)
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership, OrgUnit, OrgVersion

FIRST_MONTH = dt.date(2024, 1, 1)
# A hospital, a department, a public-service unit and an enterprise: each kind of basis.
UNITS = 4
LATE_PAYERS = 3


def _units(secretary_unit: str, today: dt.date) -> list[OrgUnit]:
    """The secretary's TCCSĐ and the first others under the same committee today."""
    own = OrgVersion.objects.as_of(today).select_related("org").get(org__code=secretary_unit)
    siblings = (
        OrgVersion.objects.as_of(today)
        .filter(parent_id=own.parent_id, kind__in=["GR_COMMITTEE", "GR_CELL"])
        .exclude(org_id=own.org_id)
        .order_by("org__code")
        .select_related("org")[: UNITS - 1]
    )
    return [own.org, *(version.org for version in siblings)]


def _cells_by_month(
    units: list[OrgUnit], months: list[dt.date]
) -> dict[dt.date, dict[int, list[int]]]:
    """Month → cell id → the ids of its members on the month's first day, within UNITS."""
    found: dict[dt.date, dict[int, list[int]]] = {}
    for month in months:
        paths = OrgVersion.objects.as_of(month).filter(org__in=units).values_list("path", flat=True)
        subtree = Q(pk__in=[])
        for path in paths:
            subtree |= Q(path__startswith=path)
        cells = OrgVersion.objects.as_of(month).filter(subtree).values("org_id")
        by_cell: dict[int, list[int]] = defaultdict(list)
        for member_id, cell_id in (
            Membership.objects.as_of(month)
            .filter(org_id__in=cells)
            .order_by("org_id", "member_id")
            .values_list("member_id", "org_id")
        ):
            by_cell[cell_id].append(member_id)
        found[month] = by_cell
    return found


def _paying_cells(members: list[int], months: list[dt.date]) -> dict[dt.date, dict[int, list[int]]]:
    """Month → cell id → those of MEMBERS in it on the month's first day."""
    found: dict[dt.date, dict[int, list[int]]] = {}
    for month in months:
        by_cell: dict[int, list[int]] = defaultdict(list)
        for member_id, cell_id in (
            Membership.objects.as_of(month)
            .filter(member_id__in=members)
            .order_by("org_id", "member_id")
            .values_list("member_id", "org_id")
        ):
            by_cell[cell_id].append(member_id)
        found[month] = by_cell
    return found


def _basis(rng: random.Random, member: Member) -> dict[str, object]:
    draw = rng.random()
    if draw < 0.08:
        return {"category": Category.PENSION, "income": rng.randrange(5_000_000, 9_000_000, 1000)}
    if draw < 0.12:
        return {"category": Category.STUDENT}
    if draw < 0.16:
        return {"category": Category.OTHER, "region": rng.choice(Region.values),
                "past_retirement_age": member.birth_date.year < 1965}  # fmt: skip
    category = Category.SALARY_STATE if draw < 0.6 else Category.SALARY_ENTERPRISE
    return {"category": category, "income": rng.randrange(6_000_000, 25_000_000, 1000)}


def demo_dues(*, seed: int, today: dt.date, secretary_unit: str) -> None:
    """Bases, a reduction and monthly collections of `UNITS` TCCSĐ from January 2024."""
    rng = random.Random(seed + 16)
    units = _units(secretary_unit, today)
    months = months_between(FIRST_MONTH, last_closed_month(today))
    by_month = _cells_by_month(units, months)
    seen: set[int] = set()
    members = Member.objects.in_bulk(
        {pk for cells in by_month.values() for ids in cells.values() for pk in ids}
    )
    # The bases' entries in one insert (no entry is read back; nothing else is audited).
    with audit_deferred():
        for month in months:
            for ids in by_month[month].values():
                for pk in ids:
                    if pk not in seen:
                        seen.add(pk)
                        dues_basis_set(actor=OPERATOR, member=members[pk], month=month,
                                       today=today, **_basis(rng, members[pk]))  # type: ignore[arg-type]  # fmt: skip
    ordered = sorted(seen)
    in_arrears = ordered[len(ordered) // 2]
    late = set(rng.sample([pk for pk in ordered if pk != in_arrears], LATE_PAYERS))
    reduced = next(pk for pk in ordered if pk not in late and pk != in_arrears)
    dues_relief_grant(actor=OPERATOR, member=members[reduced], kind=ReliefKind.REDUCED,
                      ground=ReliefGround.HARDSHIP, percent=50, first_month=dt.date(2026, 3, 1),
                      last_month=dt.date(2026, 8, 1), decision="12-QĐ/ĐU",
                      decided_on=dt.date(2026, 2, 24), today=today)  # fmt: skip
    obligations = Obligations(ordered, FIRST_MONTH, months[-1])
    # Once they have a basis, members pay in whatever cell they are: one who moves to a
    # TCCSĐ outside UNITS keeps paying there.
    by_month = _paying_cells(ordered, months)
    cells = OrgUnit.objects.in_bulk(list({c for cells_ in by_month.values() for c in cells_}))
    arrears_from = months[-3]
    for month in months:
        recorded: list[tuple[dt.date, OrgUnit, Collected]] = []
        for cell_id, ids in by_month[month].items():
            for pk in ids:
                owed = obligations.owed(pk, month)
                skipped = pk == in_arrears and month >= arrears_from
                # Late payers pay each quarter's months together in its last month.
                deferred = pk in late and month.month % 3 != 0 and month != months[-1]
                if owed is None or owed.amount == 0 or skipped or deferred:
                    continue
                paid_on = month.replace(day=rng.randint(3, 25))
                if pk in late:
                    quarter = [m for m in _quarter(month) if pk in by_month[m].get(cell_id, ())]
                    recorded.extend(
                        (each, cells[cell_id], Collected(members[pk], amount, paid_on))
                        for each in quarter
                        if (amount := _amount(obligations, pk, each))
                    )
                else:
                    recorded.append(
                        (month, cells[cell_id], Collected(members[pk], owed.amount, paid_on))
                    )
        _record(recorded, today)


def _quarter(month: dt.date) -> list[dt.date]:
    """The months of MONTH's quarter up to MONTH."""
    return months_between(month.replace(month=month.month - (month.month - 1) % 3), month)


def _amount(obligations: Obligations, pk: int, month: dt.date) -> int:
    owed = obligations.owed(pk, month)
    return owed.amount if owed is not None else 0


def _record(payments: list[tuple[dt.date, OrgUnit, Collected]], today: dt.date) -> None:
    """One month's collections: per month paid for, every cell's sheet in one call (one
    entry per cell and month, as the collection screen makes)."""
    by_month: dict[dt.date, dict[OrgUnit, list[Collected]]] = defaultdict(lambda: defaultdict(list))
    for month, cell, payment in payments:
        by_month[month][cell].append(payment)
    for month, sheets in sorted(by_month.items()):
        dues_collect_cells(actor=OPERATOR, month=month, collections=list(sheets.items()),
                           today=today)  # fmt: skip
