"""An admission case read by someone who may not change it: names, not ids or codes."""

import datetime as dt

from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.members.services import admission_open
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date


def test_a_read_only_case_shows_introducers_by_name_and_the_cell_with_its_parent(
    tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    introducer = add_member(tree.cell_a1, full_name="Lê Văn Một")
    case = admission_open(actor=OPERATOR, cell=tree.cell_a1, today=TODAY, values={
        "full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2),
        "application_date": D(2025, 3, 1), "introducer_1": introducer,
    })  # fmt: skip
    client = Client()
    client.force_login(make_user("thuongvu", Role.LEADERSHIP, tree.committee))

    page = client.get(f"/app/members/admissions/{case.pk}/").content.decode()

    assert "Lê Văn Một (15/03/1985)" in page
    assert "01/03/2025" in page and "2025-03-01" not in page
    assert f">{introducer.pk}<" not in page
    assert "Đảng bộ Sở Tài chính › Chi bộ Văn phòng" in page
    assert "CSA-1" not in page
