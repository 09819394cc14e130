"""The proposal list of an occasion (danh sách đề nghị tặng Huy hiệu Đảng): on the page, from
`dangvu badges due` (text, JSON, XLSX) and as the page's XLSX download, with party age, the
admission decision's date and the organization on the occasion."""

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from python_calamine import CalamineWorkbook

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.members.badge_list import badge_list, badge_list_json
from dangvu.members.models import ExitReason, GapReason
from dangvu.members.services import member_exit, party_gap_add
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date
OCCASION = D(2027, 2, 3)


@pytest.fixture
def due(tree: Tree, add_member: AddMember) -> Tree:
    # Decision 20/1/1997, ceremony 10/2/1997: 30 years on 20/1/2027, so due on 3/2/2027 (from
    # the ceremony it would be the next occasion).
    add_member(tree.cell_a1, full_name="Lê Văn Quyết", birth_date=D(1970, 1, 1),
               admission_decision_date=D(1997, 1, 20), admission_date=D(1997, 2, 10),
               official_date=D(1998, 2, 10))  # fmt: skip
    add_member(tree.grassroots_b, full_name="Ngô Thị Bốn", gender="F", birth_date=D(1960, 1, 1),
               admission_date=D(1986, 12, 1), official_date=D(1987, 12, 1))  # fmt: skip
    gone = add_member(tree.cell_a2, full_name="Trần Văn Mất", birth_date=D(1950, 1, 1),
                      admission_date=D(1996, 12, 1), official_date=D(1997, 12, 1))  # fmt: skip
    member_exit(actor=OPERATOR, member=gone, reason=ExitReason.DIED, on=D(2026, 10, 1),
                today=TODAY)  # fmt: skip
    add_member(tree.cell_a1, full_name="Phạm Văn Trẻ")  # 2010: no milestone yet
    return tree


def test_each_row_has_party_age_decision_date_and_the_organization_on_the_occasion(
    due: Tree,
) -> None:
    rows = badge_list(user=OPERATOR, occasion=OCCASION)

    assert [
        (r.member.full_name, r.due.milestone, r.party_years, r.cell.org.code, r.due.posthumous)
        for r in rows
    ] == [
        ("Ngô Thị Bốn", 40, 40, "CSB", False),
        # By given name within a milestone. He died 29 years into party age: early and
        # posthumously, in the cell he was last in.
        ("Trần Văn Mất", 30, 29, "CSA-2", True),
        ("Lê Văn Quyết", 30, 30, "CSA-1", False),
    ]
    assert rows[2].party_age_start == D(1997, 1, 20)


def test_the_list_takes_the_same_few_queries_whatever_its_length(
    due: Tree, add_member: AddMember, django_assert_max_num_queries: Any
) -> None:
    # The candidates, their cells and the cells' TCCSĐ: nine queries at most.
    with django_assert_max_num_queries(9):
        listed = badge_list_json(badge_list(user=OPERATOR, occasion=OCCASION), OCCASION)
    for n in range(10):
        add_member(due.cell_a2, full_name=f"Đỗ Văn Cựu {n}", birth_date=D(1960, 1, 1),
                   admission_date=D(1986, 12, 1), official_date=D(1987, 12, 1))  # fmt: skip

    with django_assert_max_num_queries(9):
        more = badge_list_json(badge_list(user=OPERATOR, occasion=OCCASION), OCCASION)

    assert len(more["members"]) == len(listed["members"]) + 10


def test_an_organization_narrows_the_list_to_its_subtree(due: Tree) -> None:
    names = [r.member.full_name for r in badge_list(user=OPERATOR, occasion=OCCASION,
                                                     org=due.grassroots_a)]  # fmt: skip

    assert names == ["Trần Văn Mất", "Lê Văn Quyết"]


def test_a_secretary_lists_only_their_organization(due: Tree, make_user: MakeUser) -> None:
    secretary = make_user("bithu", Role.SECRETARY, due.grassroots_b)

    assert [r.member.full_name for r in badge_list(user=secretary, occasion=OCCASION)] == [
        "Ngô Thị Bốn"
    ]


def test_the_command_prints_json_for_the_next_occasion_and_writes_the_proposal_list(
    due: Tree, tmp_path: Path
) -> None:
    out, path = StringIO(), tmp_path / "de-nghi.xlsx"

    call_command("badges", "due", "--on", "2027-01-15", "--org", "CSA", "--json", "-o", str(path),
                 stdout=out)  # fmt: skip

    listed = json.loads(out.getvalue())
    assert listed["on"] == "2027-02-03"
    assert listed["members"][1] == {
        "cccd": listed["members"][1]["cccd"], "name": "Lê Văn Quyết", "milestone": 30,
        "admission_decision_date": "1997-01-20", "party_age_start": "1997-01-20",
        "party_years": 30, "org_code": "CSA-1", "note": "",
    }  # fmt: skip
    assert listed["members"][0]["note"] == "Truy tặng; Xét tặng sớm"
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert sheet[0][0] == "DANH SÁCH ĐẢNG VIÊN ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG ĐỢT 03/02/2027"
    assert sheet[2][:2] == ["STT", "Họ và tên"]
    assert [row[1] for row in sheet[3:]] == ["Trần Văn Mất", "Lê Văn Quyết"]
    assert sheet[4][5] == D(1997, 1, 20) and sheet[4][8] == "30 năm tuổi Đảng"
    assert AuditEntry.objects.filter(action=Event.MEMBERS_EXPORTED).count() == 1


@pytest.mark.django_db
def test_the_command_refuses_a_date_outside_the_policy_in_vietnamese() -> None:
    with pytest.raises(CommandError, match="--on"):
        call_command("badges", "due", "--on", "9999-12-31", stdout=StringIO())


def test_the_page_lists_the_occasion_and_downloads_its_proposal_list(
    due: Tree, make_user: MakeUser, tmp_path: Path
) -> None:
    make_user("tochuc", Role.ORGANIZATION_BOARD, due.committee)
    client = Client()
    client.login(username="tochuc", password="mat-khau-dai-123")

    page = client.get("/app/members/badges/", {"occasion": "03/02/2027"}).content.decode()
    download = client.get("/app/members/badges/export.xlsx", {"occasion": "03/02/2027"})

    assert "Ngô Thị Bốn" in page and "20/01/1997" in page
    assert download["Content-Disposition"].endswith('de-nghi-huy-hieu-dang-20270203.xlsx"')
    (tmp_path / "list.xlsx").write_bytes(download.content)
    sheet = CalamineWorkbook.from_path(str(tmp_path / "list.xlsx")).get_sheet_by_index(0)
    assert [row[1] for row in sheet.to_python()[3:]] == [
        "Ngô Thị Bốn", "Trần Văn Mất", "Lê Văn Quyết",
    ]  # fmt: skip


def test_the_page_names_each_cell_and_its_tccsd_and_narrows_to_a_picked_organization(
    due: Tree, make_user: MakeUser, tmp_path: Path
) -> None:
    make_user("tochuc", Role.ORGANIZATION_BOARD, due.committee)
    client = Client()
    client.login(username="tochuc", password="mat-khau-dai-123")

    everyone = client.get("/app/members/badges/", {"occasion": "03/02/2027"}).content.decode()
    page = client.get("/app/members/badges/", {"occasion": "03/02/2027", "org": "CSA"})
    download = client.get("/app/members/badges/export.xlsx",
                          {"occasion": "03/02/2027", "org": "CSA"})  # fmt: skip

    assert 'data-count="3"' in everyone
    assert '<td class="small badge-grassroots">Chi bộ Hội Nông dân tỉnh</td>' in everyone
    text = page.content.decode()
    assert 'data-count="2"' in text and "Ngô Thị Bốn" not in text
    assert '<td class="small badge-cell">Chi bộ Văn phòng</td>' in text
    assert '<td class="small badge-grassroots">Đảng bộ Sở Tài chính</td>' in text
    assert 'hx-get="/app/orgs/pick/"' in text
    assert "&amp;org=CSA" in text  # the download keeps the filter
    assert download["Content-Disposition"].endswith('de-nghi-huy-hieu-dang-csa-20270203.xlsx"')
    (tmp_path / "list.xlsx").write_bytes(download.content)
    sheet = CalamineWorkbook.from_path(str(tmp_path / "list.xlsx")).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert rows[2][10] == "Tổ chức cơ sở đảng"
    assert [(row[1], row[10]) for row in rows[3:]] == [
        ("Trần Văn Mất", "Đảng bộ Sở Tài chính"), ("Lê Văn Quyết", "Đảng bộ Sở Tài chính"),
    ]  # fmt: skip


def test_party_age_on_the_list_leaves_out_the_periods_out_of_the_party(
    tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1, full_name="Lê Văn Quyết", birth_date=D(1950, 1, 1),
                        admission_date=D(1980, 1, 1), official_date=D(1981, 1, 1))  # fmt: skip
    party_gap_add(actor=OPERATOR, member=member, start_date=D(1990, 1, 1),
                  end_date=D(1993, 1, 1), reason=GapReason.REMOVED, today=TODAY)  # fmt: skip

    [row] = badge_list(user=OPERATOR, occasion=OCCASION)

    # 47 calendar years to 3/2/2027, less three out of the Party.
    assert (row.due.milestone, row.party_years) == (40, 44)
    assert row.party_age_start == D(1980, 1, 1)
