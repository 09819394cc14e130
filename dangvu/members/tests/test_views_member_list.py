"""The member list says where each member is: the cell and its TCCSĐ, by name; its
organization filter is the picker, not a code typed by hand."""

import datetime as dt

from django.test import Client

from conftest import AddMember, MakeUser, Tree
from dangvu.organizations.roles import Role


def test_namesakes_are_told_apart_by_their_cell_and_tccsd(
    tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    add_member(tree.cell_a1, full_name="Nguyễn Thị An", gender="F")
    add_member(tree.grassroots_b, full_name="Nguyễn Thị An", gender="F")
    client = Client()
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))

    page = client.get("/app/members/", {"as_of": "2026-06-01"}).content.decode()

    assert page.count("Nguyễn Thị An") == 2
    assert '<td class="small member-cell">Chi bộ Văn phòng</td>' in page
    assert '<td class="small member-grassroots">Đảng bộ Sở Tài chính</td>' in page
    assert '<td class="small member-grassroots">Chi bộ Hội Nông dân tỉnh</td>' in page


def test_the_organization_filter_is_the_picker_and_keeps_the_picked_code(
    tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    add_member(tree.cell_a1, full_name="Lê Văn Trong")
    add_member(tree.grassroots_b, full_name="Lê Văn Ngoài")
    client = Client()
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))

    page = client.get("/app/members/", {"org": "CSA", "as_of": f"{dt.date(2026, 6, 1)}"})
    text = page.content.decode()

    assert 'hx-get="/app/orgs/pick/"' in text
    assert 'value="CSA"' in text
    assert "Lê Văn Trong" in text and "Lê Văn Ngoài" not in text
