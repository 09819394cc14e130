"""The dues pages: a secretary records a month's payments on the collection screen and sees
the arrears warning; the committee sees the month's totals."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.dues.models import DuesPayment
from dangvu.dues.rules import Category
from dangvu.dues.services import Collected, dues_basis_set, dues_collect
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def cell(tree: Tree, add_member: AddMember) -> tuple[Member, Member]:
    payer = add_member(tree.cell_a1, full_name="Nguyễn Văn Đóng")
    late = add_member(tree.cell_a1, full_name="Trần Thị Muộn", gender="F")
    for member in (payer, late):
        dues_basis_set(actor=OPERATOR, member=member, month=D(2026, 1, 1),
                       category=Category.SALARY_STATE, income=10_000_000, today=TODAY)  # fmt: skip
    for month in (D(2026, m, 1) for m in range(1, 8)):
        dues_collect(actor=OPERATOR, cell=tree.cell_a1, month=month, today=TODAY,
                     payments=[Collected(payer, 100_000, month)])  # fmt: skip
    return payer, late


def _client(make_user: MakeUser, role: str, org: object) -> Client:
    client = Client()
    client.force_login(make_user(role.lower(), role, org))
    return client


def test_a_secretary_records_the_months_payments_and_sees_the_arrears(
    tree: Tree, cell: tuple[Member, Member], make_user: MakeUser
) -> None:
    payer, late = cell
    client = _client(make_user, Role.SECRETARY, tree.grassroots_a)
    url = reverse("dues:collect", kwargs={"code": "CSA-1", "month": "2026-08"})

    page = client.get(url).content.decode()
    response = client.post(
        url, {"paid_on": "05/08/2026", f"amount_{payer.pk}": "100000"}, follow=True
    )

    assert "Trần Thị Muộn: 8 tháng chưa đóng" in page
    assert "Quy định 01-QĐ/TW" in page
    assert "Đã ghi 1 khoản nộp" in response.content.decode()
    assert DuesPayment.objects.get(member=payer, month=D(2026, 8, 1)).amount == 100_000
    assert not DuesPayment.objects.filter(member=late).exists()


def test_a_refused_payment_is_shown_on_its_member(
    tree: Tree, cell: tuple[Member, Member], make_user: MakeUser
) -> None:
    payer, _late = cell
    client = _client(make_user, Role.SECRETARY, tree.grassroots_a)
    url = reverse("dues:collect", kwargs={"code": "CSA-1", "month": "2026-11"})

    # Paid more than a year ahead of the payment date.
    response = client.post(url, {"paid_on": "05/08/2025", f"amount_{payer.pk}": "100000"})

    assert response.status_code == 200
    assert "Chỉ ghi nộp trước tối đa 12 tháng." in response.content.decode()
    assert not DuesPayment.objects.filter(month=D(2026, 11, 1)).exists()


def test_the_committee_sees_the_months_totals(
    tree: Tree, cell: tuple[Member, Member], make_user: MakeUser
) -> None:
    client = _client(make_user, Role.ORGANIZATION_BOARD, tree.committee)

    page = client.get(reverse("dues:ledger"), {"month": "07/2026", "org": "DBK"}).content.decode()

    assert 'data-total="paid">100.000 đ' in page
    assert 'data-total="owed">200.000 đ' in page
    assert "Thu đảng phí" in page  # the Organization Board may open each cell's screen


def test_another_committees_cell_answers_404(
    tree: Tree, outside: object, make_user: MakeUser
) -> None:
    client = _client(make_user, Role.SECRETARY, tree.grassroots_a)

    response = client.get(reverse("dues:collect", kwargs={"code": "CSX", "month": "2026-08"}))

    assert response.status_code == 404


def test_a_secretary_records_a_basis_and_a_reduction_on_the_members_dues_page(
    tree: Tree, cell: tuple[Member, Member], make_user: MakeUser
) -> None:
    _payer, late = cell
    client = _client(make_user, Role.SECRETARY, tree.grassroots_a)
    action = "dues:member_action"

    client.post(reverse(action, args=[late.pk, "basis"]),
                {"month": "03/2026", "category": "PENSION", "income": "6000000"})  # fmt: skip
    refused = client.post(reverse(action, args=[late.pk, "relief"]), {
        "kind": "REDUCED", "ground": "HARDSHIP", "percent": "40", "first_month": "04/2026",
        "last_month": "06/2026", "decision": "3-QĐ/ĐU", "decided_on": "20/03/2026",
    }, follow=True).content.decode()  # fmt: skip
    client.post(reverse(action, args=[late.pk, "relief"]), {
        "kind": "REDUCED", "ground": "HARDSHIP", "percent": "50", "first_month": "04/2026",
        "last_month": "06/2026", "decision": "3-QĐ/ĐU", "decided_on": "20/03/2026",
    })  # fmt: skip
    page = client.get(reverse("dues:member", args=[late.pk])).content.decode()

    assert "Mức giảm phải là một trong: 30%, 50%, 70%." in refused
    assert "Hưởng lương hưu" in page and "3-QĐ/ĐU" in page
    assert late.dues_reliefs.get().percent == 50
