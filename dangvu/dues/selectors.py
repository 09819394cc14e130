"""The month's dues ledger of an organization's subtree, as the user may see it: each
member's amount owed and paid and their unpaid months of the year; each organization's
figures and what it received, kept and remitted. The pages, `dangvu dues ledger`, the due
list's arrears and the transfer letter read it here.

Members are counted in the cell their membership names on the month's first day. The money
a cell collected for the month (what its members paid for it) is shared up the cell's chain
as the month's rule set says (`Dues342.chain_shares`).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from dangvu.dues.models import DuesBasis, DuesPayment, DuesRelief
from dangvu.dues.obligations import Obligations, month_start, months_between
from dangvu.dues.rules import split
from dangvu.dues.rulesets import Dues342, month_rules
from dangvu.members.models import Member
from dangvu.organizations.access import OutOfScope, User, membership_filter, org_in_scope
from dangvu.organizations.models import CELL_KINDS, Membership, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource

# Member ids sent in one query's IN list (SQLite takes at most 32,766 parameters).
ID_BATCH = 10_000


@dataclass(frozen=True)
class MemberLine:
    member_id: int
    national_id: str
    full_name: str
    cell_id: int
    has_basis: bool
    owed: int
    relief: str  # why less than the basis gives ("" when nothing reduced it)
    paid: int
    arrears_months: int  # months of the year up to this one owed and not paid
    in_arrears: bool


@dataclass
class OrgLine:
    org_id: int
    code: str
    name: str
    kind: str
    path: str
    depth: int
    members: int = 0
    owed: int = 0
    paid: int = 0
    in_arrears: int = 0
    received: int = 0
    kept: int = 0
    remitted: int = 0


@dataclass(frozen=True)
class Ledger:
    month: dt.date
    rules: Dues342
    members: list[MemberLine]
    orgs: list[OrgLine]  # parents first, as the tree reads
    root: OrgLine | None
    totals: dict[str, int] = field(default_factory=dict)


def _paid_counts(members: object, first: dt.date, month: dt.date) -> dict[int, int]:
    """How many months of FIRST..MONTH each of MEMBERS has a payment for: one GROUP BY."""
    return dict(
        DuesPayment.objects.filter(member_id__in=members, month__gte=first, month__lte=month)
        .values("member_id").annotate(paid=Count("pk")).values_list("member_id", "paid")
    )  # fmt: skip


def _paid_months(members: list[int], first: dt.date, month: dt.date) -> dict[int, set[dt.date]]:
    """The months of FIRST..MONTH each of MEMBERS (ids) paid for, read in batches."""
    found: dict[int, set[dt.date]] = defaultdict(set)
    for start in range(0, len(members), ID_BATCH):
        batch = members[start : start + ID_BATCH]
        for member_id, paid in DuesPayment.objects.filter(
            member_id__in=batch, month__gte=first, month__lte=month
        ).values_list("member_id", "month"):
            found[member_id].add(paid)
    return found


def _simple_year(obligations: Obligations, member_id: int, first: dt.date, month: dt.date) -> bool:
    """Whether every month of FIRST..MONTH owes the same non-zero answer for MEMBER_ID: one
    basis and no decision over them all, and party age on the same side of its exemption
    at both ends. Then the unpaid months are the months less the payments, with no need to
    read which months were paid."""
    bases = obligations.bases.get(member_id, [])
    if len(bases) != 1 or not bases[0].covers(first) or not bases[0].covers(month):
        return False
    if obligations.reliefs.get(member_id):
        return False
    start, end = obligations.owed(member_id, first), obligations.owed(member_id, month)
    return start == end and start is not None and start.amount > 0


def _unpaid_months(
    obligations: Obligations,
    member_ids: list[int],
    first: dt.date,
    month: dt.date,
    counts: dict[int, int],
) -> dict[int, int]:
    """Per member, the months of FIRST..MONTH that owed something and were not paid."""
    months = months_between(first, month)
    unpaid, others = {}, []
    for member_id in member_ids:
        paid = counts.get(member_id, 0)
        if paid >= len(months):
            unpaid[member_id] = 0
        elif _simple_year(obligations, member_id, first, month):
            unpaid[member_id] = len(months) - paid
        else:
            others.append(member_id)
    paid_months = _paid_months(others, first, month)
    for member_id in others:
        paid_set = paid_months.get(member_id, set())
        unpaid[member_id] = sum(
            1
            for m in months
            if m not in paid_set
            and (owed := obligations.owed(member_id, m)) is not None
            and owed.amount > 0
        )
    return unpaid


def dues_ledger(*, user: User, month: dt.date, org: OrgUnit | None = None) -> Ledger:
    """The ledger of MONTH for ORG's subtree (everything USER sees without ORG). Raises
    OutOfScope for an ORG outside USER's reach, and NoRuleSet before the rules start."""
    month = month_start(month)
    rules = month_rules(month)
    if org is not None and not org_in_scope(user, Resource.MEMBER, Action.VIEW, org.pk, month):
        raise OutOfScope(org.code)
    versions = {
        v.org_id: v
        for v in OrgVersion.objects.as_of(month)
        .select_related("org")
        .only("org_id", "path", "kind", "name", "depth", "org__code")
    }
    memberships = Membership.objects.as_of(month).filter(membership_filter(user, month))
    root_path = ""
    if org is not None:
        if org.pk not in versions:
            raise OutOfScope(org.code)
        root_path = versions[org.pk].path
        memberships = memberships.filter(
            org_id__in=[pk for pk, v in versions.items() if v.path.startswith(root_path)]
        )
    rows = list(
        memberships.order_by("org_id", "member__sort_key", "member_id").values_list(
            "member_id", "org_id", "member__national_id", "member__full_name"
        )
    )
    member_ids = memberships.values("member_id")
    january = month.replace(month=1)
    obligations = Obligations(member_ids, january, month)
    paid_now = dict(
        DuesPayment.objects.filter(member_id__in=member_ids, month=month).values_list(
            "member_id", "amount"
        )
    )
    counts = _paid_counts(member_ids, january, month)
    unpaid_months = _unpaid_months(obligations, [r[0] for r in rows], january, month, counts)
    lines, by_cell = [], defaultdict(list)
    for member_id, cell_id, national_id, full_name in rows:
        owed = obligations.owed(member_id, month)
        unpaid = unpaid_months[member_id]
        line = MemberLine(
            member_id=member_id,
            national_id=national_id or "",
            full_name=full_name,
            cell_id=cell_id,
            has_basis=owed is not None,
            owed=owed.amount if owed else 0,
            relief=owed.relief if owed else "",
            paid=paid_now.get(member_id, 0),
            arrears_months=unpaid,
            in_arrears=obligations.rules(month).in_arrears(unpaid),
        )
        lines.append(line)
        by_cell[cell_id].append(line)
    orgs = _org_lines(versions, by_cell, root_path, rules)
    root = orgs.get(org.pk) if org is not None else None
    kept = sum(line.kept for line in orgs.values())
    paid = sum(line.paid for line in lines)
    totals = {
        "members": len(lines),
        "owed": sum(line.owed for line in lines),
        "paid": paid,
        "kept": kept,
        "remitted": paid - kept,
        "in_arrears": sum(1 for line in lines if line.in_arrears),
    }
    ordered = sorted(orgs.values(), key=lambda line: (line.path, line.org_id))
    return Ledger(month, rules, lines, ordered, root, totals)


def _org_lines(
    versions: dict[int, OrgVersion],
    by_cell: dict[int, list[MemberLine]],
    root_path: str,
    rules: Dues342,
) -> dict[int, OrgLine]:
    """Each organization on the way from the ledger's cells up to its root (the top of the
    tree without one), with its members' figures and what it received, kept and remitted."""
    lines: dict[int, OrgLine] = {}

    def line_of(org_id: int) -> OrgLine:
        if org_id not in lines:
            v = versions[org_id]
            lines[org_id] = OrgLine(org_id, v.org.code, v.name, v.kind, v.path, v.depth)
        return lines[org_id]

    for cell_id, members in by_cell.items():
        chain_ids = [int(pk) for pk in versions[cell_id].path.strip("/").split("/")][::-1]
        inside = [pk for pk in chain_ids if versions[pk].path.startswith(root_path)]
        collected = sum(m.paid for m in members)
        arrears = sum(1 for m in members if m.in_arrears)
        for pk in inside:
            target = line_of(pk)
            target.members += len(members)
            target.owed += sum(m.owed for m in members)
            target.paid += collected
            target.in_arrears += arrears
        chain = rules.chain_shares([(pk, versions[pk].kind) for pk in chain_ids])
        for share in split(collected, chain):
            if share.org_id in lines:
                target = lines[share.org_id]
                target.received += share.received
                target.kept += share.kept
                target.remitted += share.remitted
    return lines


def collection_cell(user: User, code: str, month: dt.date) -> OrgUnit:
    """The cell CODE as it stands in MONTH, if USER may record its dues; OutOfScope (404)
    like a missing one otherwise."""
    version = (
        OrgVersion.objects.as_of(month)
        .filter(org__code=code.upper(), kind__in=CELL_KINDS)
        .select_related("org")
        .first()
    )
    if version is None or not org_in_scope(user, Resource.MEMBER, Action.CHANGE,
                                           version.org_id, month):  # fmt: skip
        raise OutOfScope(code)
    return version.org


def dues_paid_until(member: Member, today: dt.date) -> dt.date | None:
    """The last month MEMBER has paid to the end of: the month before the first month
    since their first basis that owed something and has no payment (up to TODAY's month),
    or the last month paid when none is missing; None without a basis or a payment."""
    first = DuesBasis.objects.filter(member=member).order_by("valid_from").first()
    if first is None:
        return None
    paid = set(DuesPayment.objects.filter(member=member).values_list("month", flat=True))
    current = month_start(today)
    obligations = Obligations([member.pk], first.valid_from, current)
    last = None
    for month in months_between(first.valid_from, current):
        owed = obligations.owed(member.pk, month)
        if month not in paid and owed is not None and owed.amount > 0:
            return last
        last = month
    return max(paid) if paid else last


@dataclass(frozen=True)
class MemberDues:
    bases: list[DuesBasis]
    reliefs: list[DuesRelief]
    payments: list[DuesPayment]


def member_dues_history(member: Member) -> MemberDues:
    """MEMBER's bases, decisions and payments, newest first (the caller checked the
    member is in sight)."""
    return MemberDues(
        bases=list(DuesBasis.objects.filter(member=member).order_by("-valid_from", "-pk")),
        reliefs=list(DuesRelief.objects.filter(member=member).order_by("-valid_from", "-pk")),
        payments=list(
            DuesPayment.objects.filter(member=member)
            .select_related("cell")
            .order_by("-month", "-pk")
        ),
    )
