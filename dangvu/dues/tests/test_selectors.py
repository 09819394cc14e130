"""The month's ledger: owed by the month's rule, paid, unpaid months of the year, the shares
each level keeps, the user's scope; and the arrears on the due list."""

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import TODAY, AddMember, MakeUser, Outside, Tree
from dangvu.dues.deadlines import dues_arrears_due
from dangvu.dues.rules import Category
from dangvu.dues.selectors import dues_ledger
from dangvu.dues.services import Collected, dues_basis_set, dues_collect
from dangvu.members.deadlines import due_items
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def members(tree: Tree, add_member: AddMember) -> tuple[Member, Member, Member]:
    payer = add_member(tree.cell_a1, full_name="Nguyễn Văn Đóng")
    late = add_member(tree.cell_a1, full_name="Trần Thị Muộn", gender="F")
    student = add_member(tree.grassroots_b, full_name="Lê Văn Học")
    for member in (payer, late):
        dues_basis_set(actor=OPERATOR, member=member, month=D(2025, 1, 1),
                       category=Category.SALARY_STATE, income=10_000_000, today=TODAY)  # fmt: skip
    dues_basis_set(actor=OPERATOR, member=student, month=D(2025, 1, 1),
                   category=Category.STUDENT, today=TODAY)  # fmt: skip
    for month in (D(2026, m, 1) for m in range(1, 11)):
        paid_on = month + dt.timedelta(days=4)
        dues_collect(actor=OPERATOR, cell=tree.cell_a1, month=month, today=TODAY,
                     payments=[Collected(payer, 100_000, paid_on)])  # fmt: skip
        dues_collect(actor=OPERATOR, cell=tree.grassroots_b, month=month, today=TODAY,
                     payments=[Collected(student, 2_000 if month.month == 1 else 5_000,
                                         paid_on)])  # fmt: skip
    # Trần Thị Muộn paid January and February only.
    for month in (D(2026, 1, 1), D(2026, 2, 1)):
        dues_collect(actor=OPERATOR, cell=tree.cell_a1, month=month, today=TODAY,
                     payments=[Collected(late, 100_000, D(2026, 3, 2))])  # fmt: skip
    return payer, late, student


def test_the_ledger_of_a_month_under_quy_dinh_01(tree: Tree, members: tuple[Member, ...]) -> None:
    payer, late, student = members

    ledger = dues_ledger(user=OPERATOR, month=D(2026, 5, 1), org=tree.committee)

    by_member = {line.member_id: line for line in ledger.members}
    assert ledger.rules.regulation == "Quy định 01-QĐ/TW"
    assert (by_member[payer.pk].owed, by_member[payer.pk].paid) == (100_000, 100_000)
    assert (by_member[late.pk].paid, by_member[late.pk].arrears_months) == (0, 3)
    assert by_member[late.pk].in_arrears and not by_member[payer.pk].in_arrears
    assert by_member[student.pk].owed == 5_000
    assert ledger.totals == {
        "members": 3,
        "owed": 205_000,
        "paid": 105_000,
        # The committee, at the top, remits half of what reaches it outside the tree.
        "kept": 89_250,
        "remitted": 15_750,
        "in_arrears": 1,
    }
    orgs = {line.code: line for line in ledger.orgs}
    # CSA-1 keeps 30% of 100,000; CSA the rest of 70%; CSB (chi bộ cơ sở) 70% of 5,000;
    # DBK half of what reaches it.
    assert (orgs["CSA-1"].kept, orgs["CSA"].kept, orgs["CSB"].kept) == (30_000, 40_000, 3_500)
    assert (orgs["DBK"].received, orgs["DBK"].kept, orgs["DBK"].remitted) == (
        31_500,
        15_750,
        15_750,
    )
    for line in ledger.orgs:
        assert line.kept + line.remitted == line.received


def test_january_2026_owes_by_quyet_dinh_342(tree: Tree, members: tuple[Member, ...]) -> None:
    ledger = dues_ledger(user=OPERATOR, month=D(2026, 1, 1), org=tree.grassroots_b)

    assert ledger.rules.regulation.startswith("Quyết định 342-QĐ/TW")
    assert [line.owed for line in ledger.members] == [2_000]
    assert ledger.totals["kept"] + ledger.totals["remitted"] == ledger.totals["paid"] == 2_000
    assert ledger.totals["remitted"] == 600  # CSB remits 30% to the committee


def test_a_secretary_sees_their_cells_only(
    tree: Tree, members: tuple[Member, ...], outside: Outside, make_user: MakeUser
) -> None:
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)

    ledger = dues_ledger(user=secretary, month=D(2026, 5, 1))

    assert {line.full_name for line in ledger.members} == {"Nguyễn Văn Đóng", "Trần Thị Muộn"}
    with pytest.raises(OutOfScope):
        dues_ledger(user=secretary, month=D(2026, 5, 1), org=outside.cell)


def test_three_unpaid_months_put_the_member_on_the_due_list_never_off_the_roll(
    tree: Tree, members: tuple[Member, ...], make_user: MakeUser
) -> None:
    _payer, late, _student = members
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)

    for user in (secretary, board):
        lines = dues_arrears_due(user, TODAY)
        assert [line[2] for line in lines] == [
            "Trần Thị Muộn (8 tháng chưa đóng đảng phí trong năm (từ 3 tháng: xem xét xóa tên))"
        ]
        assert any(item.kind == "DUES_ARREARS" for item in due_items(user=user, today=TODAY))
    assert Member.objects.get(pk=late.pk).exit_date is None


def test_the_transfer_letter_states_the_month_paid_to_the_end_of(
    tree: Tree, add_member: AddMember
) -> None:
    from dangvu.members.dues_paid import paid_until

    member = add_member(tree.cell_a1, full_name="Hồ Văn Chuyển")
    assert paid_until(member, TODAY) is None  # no basis: the cell fills it in
    dues_basis_set(actor=OPERATOR, member=member, month=D(2026, 1, 1),
                   category=Category.STUDENT, today=TODAY)  # fmt: skip
    for month in (D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1), D(2026, 5, 1)):
        dues_collect(actor=OPERATOR, cell=tree.cell_a1, month=month, today=TODAY,
                     payments=[Collected(member, 5_000, month)])  # fmt: skip

    assert paid_until(member, TODAY) == D(2026, 3, 1)  # April is missing


def test_exempt_months_are_not_unpaid_months(tree: Tree, members: tuple[Member, ...]) -> None:
    from dangvu.dues.rules import ReliefGround, ReliefKind
    from dangvu.dues.services import dues_relief_grant

    _payer, late, _student = members
    dues_relief_grant(actor=OPERATOR, member=late, kind=ReliefKind.EXEMPT,
                      ground=ReliefGround.GRAVE_ILLNESS, first_month=D(2026, 3, 1),
                      last_month=D(2026, 4, 1), decision="4-QĐ/ĐU", decided_on=D(2026, 3, 2),
                      today=TODAY)  # fmt: skip

    ledger = dues_ledger(user=OPERATOR, month=D(2026, 5, 1), org=tree.cell_a1)

    assert {line.full_name: line.arrears_months for line in ledger.members} == {
        "Nguyễn Văn Đóng": 0,
        "Trần Thị Muộn": 1,  # May only: March and April were exempt
    }


def test_the_due_lists_arrears_take_the_same_queries_whatever_the_number_of_members(
    tree: Tree, members: tuple[Member, ...], add_member: AddMember, make_user: MakeUser,
    django_assert_num_queries: Any,
) -> None:  # fmt: skip
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    dues_arrears_due(board, TODAY)  # warm the scope's caches
    with CaptureQueriesContext(connection) as few:
        dues_arrears_due(board, TODAY)
    for number in range(5):
        late = add_member(tree.cell_a2, full_name=f"Phạm Văn Nợ {number}")
        dues_basis_set(actor=OPERATOR, member=late, month=D(2026, 1, 1),
                       category=Category.STUDENT, today=TODAY)  # fmt: skip

    with django_assert_num_queries(len(few)):
        lines = dues_arrears_due(board, TODAY)

    assert len(lines) == 6
    ledger_queries = [q["sql"] for q in few.captured_queries if "dues_duespayment" in q["sql"]]
    assert len(ledger_queries) == 1  # one query reads the payments, the bases and the decisions
