"""What members owe month by month: their bases and relief decisions read once, each month
answered by the rule set of that month. The ledger, the arrears, the payments' allocation
and the import all ask here, so the amount has one definition.

A month's party age is the completed years on the month's first day, from the admission
decision (`members.facts.party_age_start`). One answer per basis, decision, rule set and
party-age exemption is computed and then reused: a year of a large committee costs one rule
call per member, not one per month.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from dangvu.dues.models import DuesBasis, DuesRelief
from dangvu.dues.rules import Basis, Owed, Relief
from dangvu.dues.rulesets import Dues342, month_rules
from dangvu.members import facts
from dangvu.members.models import Member


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The months from FIRST to LAST, both included."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


@dataclass(frozen=True, slots=True)
class Period:
    """A basis or a decision over months [VALID_FROM, VALID_TO), as the rules take it:
    VALUE is a `Basis` or a `Relief`. Read as plain rows: a committee's year is thousands."""

    pk: int
    valid_from: dt.date
    valid_to: dt.date | None
    value: Any

    def covers(self, month: dt.date) -> bool:
        return self.valid_from <= month and (self.valid_to is None or month < self.valid_to)


def completed_years(start: dt.date, on: dt.date) -> int:
    return on.year - start.year - ((on.month, on.day) < (start.month, start.day))


class Obligations:
    """The bases, decisions and party-age starts of MEMBERS (ids, or a query of ids) over
    the months FIRST to LAST."""

    def __init__(
        self, members: Iterable[int] | QuerySet[Any, Any], first: dt.date, last: dt.date
    ) -> None:
        overlapping = Q(valid_from__lte=last) & (Q(valid_to__isnull=True) | Q(valid_to__gt=first))
        self.bases: dict[int, list[Period]] = defaultdict(list)
        for pk, member_id, start, end, *basis in DuesBasis.objects.filter(
            overlapping, member_id__in=members
        ).values_list("pk", "member_id", "valid_from", "valid_to", *BASIS_FIELDS):
            self.bases[member_id].append(Period(pk, start, end, Basis(*basis)))
        self.reliefs: dict[int, list[Period]] = defaultdict(list)
        for pk, member_id, start, end, *relief in DuesRelief.objects.filter(
            overlapping, member_id__in=members
        ).values_list("pk", "member_id", "valid_from", "valid_to", *RELIEF_FIELDS):
            self.reliefs[member_id].append(Period(pk, start, end, Relief(*relief)))
        starts = Member.objects.filter(pk__in=members).values_list(
            "pk", "admission_decision_date", "admission_date"
        )
        self.party_age_start = {
            pk: facts.party_age_start(admission_decision_date=decided, admission_date=admitted)
            for pk, decided, admitted in starts
        }
        self._rules: dict[dt.date, Dues342] = {}
        self._answers: dict[tuple[int, int | None, type, bool], Owed] = {}

    def rules(self, month: dt.date) -> Dues342:
        if month not in self._rules:
            self._rules[month] = month_rules(month)
        return self._rules[month]

    def basis(self, member_id: int, month: dt.date) -> Period | None:
        """MEMBER_ID's basis covering MONTH (its `value` the `Basis`), or None."""
        return next((b for b in self.bases.get(member_id, ()) if b.covers(month)), None)

    def relief(self, member_id: int, month: dt.date) -> Period | None:
        return next((r for r in self.reliefs.get(member_id, ()) if r.covers(month)), None)

    def owed(self, member_id: int, month: dt.date) -> Owed | None:
        """What MEMBER_ID owes for MONTH, or None without a basis for it."""
        basis = self.basis(member_id, month)
        if basis is None:
            return None
        rules = self.rules(month)
        age = self.party_age(member_id, month)
        relief = self.relief(member_id, month)
        key = (basis.pk, relief.pk if relief else None, type(rules), rules.exempt_by_party_age(age))
        if key not in self._answers:
            self._answers[key] = rules.owed(
                basis.value, relief=relief.value if relief else None, party_age_years=age
            )
        return self._answers[key]

    def party_age(self, member_id: int, month: dt.date) -> int:
        start = self.party_age_start.get(member_id)
        return completed_years(start, month) if start and start <= month else 0

    def owed_on(self, member_id: int, month: dt.date, basis: Basis) -> Owed:
        """What MEMBER_ID would owe for MONTH on BASIS instead of the recorded one."""
        period = self.relief(member_id, month)
        relief = period.value if period else None
        age = self.party_age(member_id, month)
        return self.rules(month).owed(basis, relief=relief, party_age_years=age)


# The model fields of `Basis` and `Relief`, in their order.
BASIS_FIELDS = ("category", "income", "region", "past_retirement_age")
RELIEF_FIELDS = ("kind", "ground", "percent")
