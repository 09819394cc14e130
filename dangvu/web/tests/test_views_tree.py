"""The organization tree opens at the user's top organizations with the level under them,
opens any other level on demand, finds an organization by name without accents or by
code, and an organization's page lists the organizations right under it, the notices most
of them share said once."""

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from conftest import FOUNDED, AddMember, MakeUser, Tree
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgKind, Sector
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_create

ON = "2026-06-01"


@pytest.fixture
def board(tree: Tree, make_user: MakeUser) -> Client:
    client = Client()
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


def _rows(page: str) -> list[str]:
    return re.findall(r'data-code="([^"]+)"', page)


def test_the_tree_opens_one_level_under_the_top_and_not_the_cells(
    board: Client, tree: Tree, add_member: AddMember
) -> None:
    add_member(tree.cell_a1, full_name="Lê Văn Một")

    page = board.get("/app/orgs/", {"as_of": ON}).content.decode()

    assert _rows(page) == ["DBK", "CSB", "CSA"]
    assert "Chi bộ Văn phòng" not in page
    # The top is open; the đảng bộ cơ sở can be opened, a chi bộ cơ sở has nothing under it.
    assert re.findall(r'tree-toggle" aria-expanded="(\w+)"', page) == ["true", "false"]
    assert 'hx-get="/app/orgs/CSA/children/?as_of=2026-06-01"' in page


def test_opening_a_row_loads_the_level_under_it_with_its_counts(
    board: Client, tree: Tree, add_member: AddMember
) -> None:
    add_member(tree.cell_a1, full_name="Lê Văn Một")
    add_member(tree.cell_a1, full_name="Lê Văn Hai", official_date=None)

    rows = board.get("/app/orgs/CSA/children/", {"as_of": ON}, HTTP_HX_REQUEST="true")

    text = rows.content.decode()
    assert "<html" not in text
    assert _rows(text) == ["CSA-2", "CSA-1"]
    office = text[text.index('data-code="CSA-1"') :]
    assert re.findall(r'<td class="text-end">(\d+)</td>', office)[:3] == ["2", "1", "1"]


def test_the_search_finds_an_organization_without_accents_or_by_code(board: Client) -> None:
    by_name = board.get("/app/orgs/", {"as_of": ON, "q": "chi bo van phong"}).content.decode()
    by_code = board.get("/app/orgs/", {"as_of": ON, "q": "csa-2"}, HTTP_HX_REQUEST="true")

    assert 'data-found="1"' in by_name
    assert "Đảng bộ Sở Tài chính › Chi bộ Văn phòng (CSA-1)" in by_name
    assert 'href="/app/orgs/CSA-1/?as_of=2026-06-01"' in by_name
    assert "Chi bộ Thanh tra" in by_code.content.decode()


def test_an_outsider_cannot_open_a_level_outside_their_reach(
    tree: Tree, make_user: MakeUser
) -> None:
    client = Client()
    client.force_login(make_user("bithu", Role.SECRETARY, tree.grassroots_b))

    assert client.get("/app/orgs/CSA/children/").status_code == 404
    found = client.get("/app/orgs/", {"q": "van phong"}).content.decode()
    assert 'data-found="0"' in found


def test_the_tree_reads_only_the_levels_it_shows(
    board: Client, tree: Tree, add_member: AddMember, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(30) as few:
        board.get("/app/orgs/", {"as_of": ON})
    for number in range(15):
        cell = org_create(actor=OPERATOR, code=f"CSA-X{number}", name=f"Chi bộ Phòng {number}",
                          kind=OrgKind.CELL, sector=Sector.ADMINISTRATIVE,
                          parent=tree.grassroots_a, established_date=FOUNDED)  # fmt: skip
        add_member(cell, full_name=f"Vũ Văn {number}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = board.get("/app/orgs/", {"as_of": ON}).content.decode()

    assert "Chi bộ Phòng 1" not in page
    assert '<td class="text-end small">17</td>' in page  # CSA: 17 cells under it


def test_an_organization_page_lists_its_own_level_and_says_a_shared_notice_once(
    board: Client, tree: Tree, add_member: AddMember
) -> None:
    cells = [tree.cell_a1, tree.cell_a2]
    cells.append(org_create(actor=OPERATOR, code="CSA-3", name="Chi bộ Kế toán",
                            kind=OrgKind.CELL, sector=Sector.ADMINISTRATIVE,
                            parent=tree.grassroots_a, established_date=FOUNDED))  # fmt: skip
    org_create(actor=OPERATOR, code="CSA-4", name="Chi bộ Mới", kind=OrgKind.CELL,
               sector=Sector.ADMINISTRATIVE, parent=tree.grassroots_a,
               established_date=dt.date(2020, 1, 1))  # fmt: skip
    for cell in cells:
        for number in range(9):
            add_member(cell, full_name=f"Đỗ Văn {cell.code} {number}")

    csa = board.get("/app/orgs/CSA/", {"as_of": ON}).content.decode()
    dbk = board.get("/app/orgs/DBK/", {"as_of": ON}).content.decode()

    table = csa[csa.index("children-table") : csa.index("</table>", csa.index("children-table"))]
    assert csa.count("Từ 9 đảng viên chính thức: bầu chi ủy") == 1
    assert "áp dụng cho 3/4 tổ chức dưới đây" in csa
    assert table.count("Chi bộ dưới 3 đảng viên chính thức") == 1  # CSA-4's own
    children = dbk[dbk.index("children-table") : dbk.index("</table>", dbk.index("children-table"))]
    assert "Đảng bộ Sở Tài chính" in children and "Chi bộ Văn phòng" not in children
