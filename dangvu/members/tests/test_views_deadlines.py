"""The due list says where each line is: the member's cell and its TCCSĐ; it filters by
kind and organization, shows its total and downloads what is on screen."""

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from python_calamine import CalamineWorkbook

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.members.services import admission_open
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def client(tree: Tree, add_member: AddMember, make_user: MakeUser) -> Client:
    # Probation ended in August: the cell's recognition is overdue on TODAY (26/11/2026).
    for cell, name in ((tree.cell_a1, "Võ Thị Dự"), (tree.grassroots_b, "Võ Thị Nông")):
        add_member(cell, full_name=name, gender="F", birth_date=D(1999, 1, 1),
                   admission_date=D(2025, 8, 19), official_date=None,
                   joined_on=D(2025, 8, 19))  # fmt: skip
    case = admission_open(actor=OPERATOR, cell=tree.cell_a2, today=TODAY, values={
        "full_name": "Hoàng Thị Chờ", "gender": "F", "birth_date": D(2000, 4, 2),
        "application_date": D(2026, 9, 1), "biography_check_sent_date": D(2026, 11, 2),
    })  # fmt: skip
    assert case.biography_check_sent_date is not None
    client = Client()
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


def test_each_line_names_the_cell_and_its_tccsd_under_the_total(client: Client) -> None:
    page = client.get("/app/members/deadlines/").content.decode()

    assert 'data-count="3"' in page
    assert '<td class="small deadline-cell">Chi bộ Văn phòng</td>' in page
    assert '<td class="small deadline-grassroots">Đảng bộ Sở Tài chính</td>' in page
    assert '<td class="small deadline-grassroots">Chi bộ Hội Nông dân tỉnh</td>' in page
    assert '<td class="small deadline-cell">Chi bộ Thanh tra</td>' in page


def test_the_list_filters_by_kind_and_by_organization(client: Client) -> None:
    recognitions = client.get("/app/members/deadlines/", {"kind": "RECOGNITION_CELL"})
    under_csa = client.get("/app/members/deadlines/", {"org": "CSA"}).content.decode()
    both = client.get("/app/members/deadlines/", {"kind": "RECOGNITION_CELL", "org": "CSA"})

    text = recognitions.content.decode()
    assert 'data-count="2"' in text and "Hoàng Thị Chờ" not in text
    assert 'data-count="2"' in under_csa and "Võ Thị Nông" not in under_csa
    assert 'hx-get="/app/orgs/pick/"' in under_csa
    assert 'data-count="1"' in both.content.decode()


def test_the_download_holds_the_filtered_lines_and_is_logged(
    client: Client, tmp_path: Path
) -> None:
    response = client.get("/app/members/deadlines/export.xlsx", {"org": "CSA"})

    path = tmp_path / "list.xlsx"
    path.write_bytes(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "VIỆC ĐẾN HẠN, NGÀY 26/11/2026"
    assert rows[2] == ["STT", "Hạn", "Việc", "Người, tổ chức", "Chi bộ", "Tổ chức cơ sở đảng",
                       "Tình trạng"]  # fmt: skip
    assert sorted((row[3], row[4], row[5]) for row in rows[3:]) == [
        ("Hoàng Thị Chờ", "Chi bộ Thanh tra", "Đảng bộ Sở Tài chính"),
        ("Võ Thị Dự", "Chi bộ Văn phòng", "Đảng bộ Sở Tài chính"),
    ]
    assert AuditEntry.objects.filter(action=Event.MEMBERS_EXPORTED).count() == 1
