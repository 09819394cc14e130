"""The admission list: each applicant's cell and its TCCSĐ, filtered by step, by the dates
of a step and by organization, with its total and a download of what is on screen."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from python_calamine import CalamineWorkbook

from conftest import TODAY, MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.members.services import admission_close, admission_open
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date


def _open(cell: Any, name: str, applied: dt.date) -> Any:
    return admission_open(actor=OPERATOR, cell=cell, today=TODAY, values={
        "full_name": name, "gender": "F", "birth_date": D(2000, 4, 2),
        "application_date": applied,
    })  # fmt: skip


@pytest.fixture
def client(tree: Tree, make_user: MakeUser) -> Client:
    _open(tree.cell_a1, "Hoàng Thị Văn", D(2025, 3, 1))
    _open(tree.grassroots_b, "Đinh Thị Nông", D(2025, 9, 1))
    stopped = _open(tree.cell_a2, "Phan Văn Dừng", D(2024, 5, 1))
    admission_close(actor=OPERATOR, case=stopped, reason="Rút đơn", today=TODAY)
    client = Client()
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


def test_each_case_names_its_cell_and_tccsd_under_the_total(client: Client) -> None:
    page = client.get("/app/members/admissions/").content.decode()

    assert 'data-count="3"' in page
    assert '<td class="small admission-cell">Chi bộ Văn phòng</td>' in page
    assert '<td class="small admission-grassroots">Đảng bộ Sở Tài chính</td>' in page
    assert '<td class="small admission-grassroots">Chi bộ Hội Nông dân tỉnh</td>' in page
    assert "01/03/2025" in page and "2025-03-01" not in page


def test_the_list_filters_by_step_by_the_dates_of_a_step_and_by_organization(
    client: Client,
) -> None:
    stopped = client.get("/app/members/admissions/", {"state": "CLOSED"}).content.decode()
    applied_2025 = client.get("/app/members/admissions/", {
        "date_field": "application_date", "start": "01/01/2025", "end": "30/06/2025",
    }).content.decode()  # fmt: skip
    under_csa = client.get("/app/members/admissions/", {"org": "CSA"}).content.decode()

    assert 'data-count="1"' in stopped and "Phan Văn Dừng" in stopped
    assert 'data-count="1"' in applied_2025 and "Hoàng Thị Văn" in applied_2025
    assert 'data-count="2"' in under_csa and "Đinh Thị Nông" not in under_csa
    assert 'hx-get="/app/orgs/pick/"' in under_csa


def test_an_end_before_the_start_is_said_in_vietnamese(client: Client) -> None:
    page = client.get(
        "/app/members/admissions/", {"start": "01/06/2025", "end": "01/01/2025"}
    ).content.decode()

    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in page


def test_the_download_holds_the_filtered_list_with_places_and_is_logged(
    client: Client, tmp_path: Path
) -> None:
    response = client.get("/app/members/admissions/export.xlsx", {"org": "CSA"})

    assert response["Content-Disposition"].endswith('ho-so-ket-nap-csa-20261126.xlsx"')
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert str(rows[0][0]).startswith("DANH SÁCH HỒ SƠ KẾT NẠP ĐẢNG VIÊN")
    header = rows[2]
    assert header[:7] == ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ",
                          "Tổ chức cơ sở đảng", "Bước"]  # fmt: skip
    assert sorted((row[1], row[4], row[5]) for row in rows[3:]) == [
        ("Hoàng Thị Văn", "Chi bộ Văn phòng", "Đảng bộ Sở Tài chính"),
        ("Phan Văn Dừng", "Chi bộ Thanh tra", "Đảng bộ Sở Tài chính"),
    ]
    assert AuditEntry.objects.filter(action=Event.MEMBERS_EXPORTED).count() == 1


def test_a_page_costs_the_same_queries_whatever_the_number_of_cases(
    tree: Tree, client: Client, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(40) as few:
        client.get("/app/members/admissions/")
    for number in range(20):
        _open(tree.cell_a2 if number % 2 else tree.grassroots_b, f"Vũ Thị Số {number}",
              D(2025, 1, 1))  # fmt: skip

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/app/members/admissions/").content.decode()

    assert 'data-count="23"' in page
