"""Dues writes: a member's basis by month, relief decisions, payments by the cell; each in
scope, audited, refused with a reason."""

import datetime as dt

import pytest

from conftest import TODAY, AddMember, MakeUser, Outside, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.dues.models import DuesBasis, DuesPayment
from dangvu.dues.obligations import Obligations
from dangvu.dues.rules import Category, ReliefGround, ReliefKind
from dangvu.dues.services import (
    Collected,
    DuesError,
    dues_basis_set,
    dues_collect,
    dues_payment_record,
    dues_relief_grant,
)
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def member(tree: Tree, add_member: AddMember) -> Member:
    return add_member(tree.cell_a1)


def _basis(
    member: Member, month: D, income: int | None = 10_000_000, **kwargs: object
) -> DuesBasis:
    values: dict[str, object] = {"category": Category.SALARY_STATE, "income": income}
    values.update(kwargs)
    return dues_basis_set(actor=OPERATOR, member=member, month=month, today=TODAY, **values)  # type: ignore[arg-type]


def _amount(obligations: Obligations, member: Member, month: D) -> int:
    owed = obligations.owed(member.pk, month)
    assert owed is not None
    return owed.amount


def test_a_new_basis_closes_the_one_before_and_each_month_owes_by_its_rule(
    member: Member,
) -> None:
    _basis(member, D(2025, 1, 1), 8_000_000)
    _basis(member, D(2026, 3, 1), 9_000_000)

    first, second = DuesBasis.objects.filter(member=member).order_by("valid_from")
    obligations = Obligations([member.pk], D(2025, 1, 1), D(2026, 12, 1))
    assert (first.valid_to, second.valid_to) == (D(2026, 3, 1), None)
    assert _amount(obligations, member, D(2026, 2, 1)) == 80_000
    assert _amount(obligations, member, D(2026, 3, 1)) == 90_000
    assert obligations.owed(member.pk, D(2024, 12, 1)) is None
    assert AuditEntry.objects.filter(action=Event.DUES_BASIS_SET).count() == 2


def test_a_basis_is_recorded_forward_and_says_what_it_lacks(member: Member) -> None:
    _basis(member, D(2026, 3, 1))

    with pytest.raises(DuesError, match="03/2026"):
        _basis(member, D(2026, 1, 1))
    with pytest.raises(DuesError, match="căn cứ tính"):
        _basis(member, D(2026, 4, 1), income=None)
    with pytest.raises(DuesError, match="vùng"):
        _basis(member, D(2026, 4, 1), category=Category.OTHER, income=None)


def test_a_reduction_follows_quy_dinh_01(member: Member) -> None:
    _basis(member, D(2026, 2, 1))
    grant = {
        "actor": OPERATOR,
        "member": member,
        "kind": ReliefKind.REDUCED,
        "ground": ReliefGround.HARDSHIP,
        "decision": "05-QĐ/ĐU",
        "decided_on": D(2026, 2, 20),
        "today": TODAY,
    }

    with pytest.raises(DuesError, match="30%, 50%, 70%"):
        dues_relief_grant(**grant, first_month=D(2026, 3, 1), last_month=D(2026, 8, 1), percent=40)  # type: ignore[arg-type]
    with pytest.raises(DuesError, match="12"):
        dues_relief_grant(**grant, first_month=D(2026, 3, 1), last_month=D(2027, 3, 1), percent=50)  # type: ignore[arg-type]
    dues_relief_grant(**grant, first_month=D(2026, 3, 1), last_month=D(2026, 8, 1), percent=50)  # type: ignore[arg-type]

    obligations = Obligations([member.pk], D(2026, 2, 1), D(2026, 9, 1))
    assert [_amount(obligations, member, D(2026, m, 1)) for m in (2, 3, 8, 9)] == [
        100_000,
        50_000,
        50_000,
        100_000,
    ]
    with pytest.raises(DuesError, match="Trùng"):
        dues_relief_grant(**grant, first_month=D(2026, 8, 1), last_month=D(2026, 12, 1), percent=30)  # type: ignore[arg-type]


def test_the_cell_records_a_months_payments_in_one_entry(
    tree: Tree, member: Member, add_member: AddMember
) -> None:
    other = add_member(tree.cell_a1, full_name="Lê Thị Bình", gender="F")

    recorded = dues_collect(
        actor=OPERATOR,
        cell=tree.cell_a1,
        month=D(2026, 10, 1),
        payments=[
            Collected(member, 100_000, D(2026, 10, 5)),
            Collected(other, 50_000, D(2026, 10, 6)),
        ],
        today=TODAY,
    )

    entry = AuditEntry.objects.get(action=Event.DUES_COLLECTED)
    assert recorded == 2 and entry.data["amount"] == 150_000
    assert set(DuesPayment.objects.values_list("member__full_name", "amount", "cell")) == {
        ("Lê Thị Bình", 50_000, tree.cell_a1.pk),
        (member.full_name, 100_000, tree.cell_a1.pk),
    }
    assert AuditEntry.objects.filter(batch=entry, action=Event.DUES_PAID).count() == 2
    with pytest.raises(DuesError) as refused:
        dues_collect(
            actor=OPERATOR,
            cell=tree.cell_a1,
            month=D(2026, 10, 1),
            payments=[Collected(member, 100_000, D(2026, 10, 7))],
            today=TODAY,
        )
    assert "10/2026" in str(refused.value.message_dict[str(member.pk)])


def test_a_payment_for_several_months_covers_what_each_owes(member: Member) -> None:
    _basis(member, D(2026, 1, 1), 9_000_000)

    rows = dues_payment_record(
        actor=OPERATOR,
        member=member,
        months=[D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)],
        amount=300_000,
        paid_on=D(2026, 3, 10),
        today=TODAY,
    )

    assert [r.amount for r in rows] == [90_000, 90_000, 120_000]
    with pytest.raises(DuesError, match="không đủ"):
        dues_payment_record(
            actor=OPERATOR,
            member=member,
            months=[D(2026, 4, 1), D(2026, 5, 1)],
            amount=90_000,
            paid_on=D(2026, 5, 10),
            today=TODAY,
        )


def test_a_secretary_cannot_record_dues_outside_their_cells(
    tree: Tree, outside: Outside, make_user: MakeUser
) -> None:
    secretary = make_user("bithu", Role.SECRETARY, tree.cell_a1)

    with pytest.raises(OutOfScope):
        dues_basis_set(
            actor=secretary,
            member=outside.member,
            month=D(2026, 1, 1),
            category=Category.STUDENT,
            today=TODAY,
        )
    with pytest.raises(OutOfScope):
        dues_collect(
            actor=secretary,
            cell=outside.cell,
            month=D(2026, 1, 1),
            payments=[Collected(outside.member, 5_000, D(2026, 1, 3))],
            today=TODAY,
        )
    assert not DuesPayment.objects.exists() and not DuesBasis.objects.exists()
