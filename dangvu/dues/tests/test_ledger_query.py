"""The ledger's SQL equals the rules in Python: on random small registries (bases over one
or two periods, decisions, party ages around fifty years, payments), every member's owed,
paid and unpaid months, and each cell's figures, are what `Obligations` (the rule sets'
own `owed`) gives month by month. Runs on SQLite and on PostgreSQL alike."""

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from conftest import TODAY, Tree, member_values
from dangvu.dues.models import DuesBasis, DuesPayment, DuesRelief
from dangvu.dues.obligations import Obligations, months_between, next_month
from dangvu.dues.rules import Category, Region, ReliefGround, ReliefKind
from dangvu.dues.rulesets import month_rules
from dangvu.dues.selectors import dues_ledger
from dangvu.members.models import Member
from dangvu.members.services import member_register
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership, OrgUnit

D = dt.date
MONTHS = months_between(D(2025, 1, 1), D(2028, 12, 1))
MEMBERS = 4

incomes = st.one_of(st.none(), st.sampled_from([0, 1, 99, 100, 150, 250]),
                    st.integers(1_000_000, 40_000_000))  # fmt: skip
bases = st.tuples(
    st.sampled_from(Category.values),
    incomes,
    st.one_of(st.none(), st.sampled_from(Region.values)),
    st.booleans(),
)
reliefs = st.one_of(
    st.none(),
    st.tuples(
        st.sampled_from([(ReliefKind.EXEMPT, 0), (ReliefKind.REDUCED, 30), (ReliefKind.REDUCED, 1),
                         (ReliefKind.REDUCED, 70), (ReliefKind.REDUCED, 99)]),
        st.sampled_from(ReliefGround.values),
        st.sampled_from(MONTHS),
        st.one_of(st.none(), st.integers(1, 14)),
    ),
)  # fmt: skip
member_years = st.fixed_dictionaries(
    {
        "bases": st.lists(st.tuples(st.sampled_from(MONTHS[:30]), bases), max_size=2),
        "relief": reliefs,
        # Party age: fifty years are reached in 2025–2029 by some, never by others.
        "decided": st.one_of(
            st.none(),
            st.dates(D(1975, 1, 1), D(1979, 12, 31)),
            st.dates(D(2000, 1, 1), D(2020, 1, 1)),
        ),
        "paid": st.sets(st.sampled_from(MONTHS), max_size=20),
        "amount": st.integers(1, 300_000),
    }
)


def _store(member: Member, cell: OrgUnit, year: dict[str, Any]) -> None:
    starts = sorted({start for start, _basis in year["bases"]})
    by_start = dict(year["bases"])
    for number, start in enumerate(starts):
        category, income, region, past = by_start[start]
        end = starts[number + 1] if number + 1 < len(starts) else None
        DuesBasis.objects.create(member=member, valid_from=start, valid_to=end,
                                 category=category, income=income, region=region,
                                 past_retirement_age=past)  # fmt: skip
    if year["relief"] is not None:
        (kind, percent), ground, start, months = year["relief"]
        end = None if months is None else _add(start, months)
        DuesRelief.objects.create(member=member, kind=kind, ground=ground, percent=percent,
                                  valid_from=start, valid_to=end, decision="QĐ",
                                  decided_on=start)  # fmt: skip
    Member.objects.filter(pk=member.pk).update(admission_decision_date=year["decided"])
    DuesPayment.objects.bulk_create(
        DuesPayment(member=member, month=month, amount=year["amount"], paid_on=month, cell=cell)
        for month in year["paid"]
    )


def _add(month: dt.date, count: int) -> dt.date:
    for _step in range(count):
        month = next_month(month)
    return month


def _expected(member_ids: list[int], month: dt.date) -> dict[int, tuple[bool, int, str, int, int]]:
    """Per member: (has a basis, owed, relief, paid, unpaid months), by the Python rules."""
    january = month.replace(month=1)
    obligations = Obligations(member_ids, january, month)
    payments = dict(
        ((member_id, paid_for), amount)
        for member_id, paid_for, amount in DuesPayment.objects.values_list(
            "member_id", "month", "amount"
        )
    )
    expected = {}
    for member_id in member_ids:
        owed = obligations.owed(member_id, month)
        unpaid = sum(
            1
            for each in months_between(january, month)
            if (member_id, each) not in payments
            and (answer := obligations.owed(member_id, each)) is not None
            and answer.amount > 0
        )
        expected[member_id] = (
            owed is not None,
            owed.amount if owed else 0,
            owed.relief if owed else "",
            payments.get((member_id, month), 0),
            unpaid,
        )
    return expected


class LedgerQueryProperties(TestCase):
    tree: Tree
    cells: list[OrgUnit]
    members: list[Member]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.tree = Tree()
        cells = [cls.tree.cell_a1, cls.tree.cell_a1, cls.tree.cell_a2, cls.tree.grassroots_b]
        cls.cells = cells
        cls.members = [
            member_register(
                actor=OPERATOR,
                values=member_values(full_name=f"Nguyễn Văn {name}"),
                cell=cell,
                start=Membership.Start.REGISTERED,
                joined_on=D(2015, 1, 1),
                today=TODAY,
            )
            for name, cell in zip("ABCD", cells, strict=True)
        ]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(years=st.lists(member_years, min_size=MEMBERS, max_size=MEMBERS),
           month=st.sampled_from(MONTHS))  # fmt: skip
    def test_the_sql_ledger_equals_the_rules_month_by_month(
        self, years: list[dict[str, Any]], month: dt.date
    ) -> None:
        for member, cell, year in zip(self.members, self.cells, years, strict=True):
            _store(member, cell, year)

        ledger = dues_ledger(user=OPERATOR, month=month)
        committee = dues_ledger(user=OPERATOR, month=month, every_member=False)

        expected = _expected([m.pk for m in self.members], month)
        found = {
            line.member_id: (line.has_basis, line.owed, line.relief, line.paid, line.arrears_months)
            for line in ledger.members
        }
        assert found == expected
        rules = month_rules(month)
        assert [line.member_id for line in committee.members] == [
            line.member_id for line in ledger.members if rules.in_arrears(line.arrears_months)
        ]
        assert committee.totals == ledger.totals
        assert [(o.org_id, o.owed, o.kept, o.in_arrears) for o in committee.orgs] == [
            (o.org_id, o.owed, o.kept, o.in_arrears) for o in ledger.orgs
        ]
