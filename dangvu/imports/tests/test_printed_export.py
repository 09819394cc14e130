"""The member list exported in the printed shape (title block, two-row header, total and
signature) reads back unchanged: every member skipped, the other rows listed."""

import datetime as dt
import io
from pathlib import Path

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import TODAY, AddMember, Tree
from dangvu.common.models import AuditEntry
from dangvu.imports.members import check_members, commit_members
from dangvu.members.export import members_export
from dangvu.members.models import Member
from dangvu.members.selectors import MemberFilter
from dangvu.organizations.access import Operator


def _snapshot() -> list[tuple[object, ...]]:
    return list(Member.objects.order_by("pk").values_list())


def test_the_printed_export_reads_back_as_no_change(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    add_member(tree.cell_a1, full_name="Đặng Thị Hoa", gender="F", phone="0912345678")
    add_member(
        tree.cell_a2,
        full_name="Phạm Văn Bê",
        admission_date=dt.date(2026, 3, 1),
        official_date=None,
        workplace='=HYPERLINK("http://x.example","Bấm")',
    )
    add_member(
        tree.cell_a2,
        full_name="Lê Văn Lại",
        birth_date=dt.date(1965, 2, 1),
        admission_date=dt.date(1990, 3, 1),
        official_date=dt.date(1991, 3, 1),
        readmission_date=dt.date(2005, 6, 1),
    )
    path = tmp_path / "ds.xlsx"
    count = members_export(
        user=Operator(),
        filters=MemberFilter(as_of=TODAY, org=tree.grassroots_a),
        path=path,
        printed=True,
    )
    before = _snapshot()

    result = check_members(path=path, user=Operator(), today=TODAY)
    batch = commit_members(actor=Operator(), path=path, user=Operator(), today=TODAY)

    assert count == 3
    assert (list(result.problems), result.to_create, result.to_update) == ([], 0, 0)
    assert (result.skipped, batch.skipped, batch.to_create, batch.to_update) == (3, 3, 0, 0)
    assert _snapshot() == before
    assert result.headers[7:10] == [
        "Ngày vào Đảng / Dự bị",
        "Ngày vào Đảng / Chính thức",
        "Ngày vào Đảng / Lần thứ hai",
    ]
    assert [result.mapping[i] for i in (7, 8, 9)] == [
        "admission_date",
        "official_date",
        "readmission_date",
    ]
    assert [(o.row, o.kind) for o in result.other_rows] == [
        (11, "total"),
        (12, "note"),
        (13, "note"),
        (14, "note"),
    ]


def test_the_printed_export_has_the_office_shape(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    add_member(tree.cell_a1, full_name="Đặng Thị Hoa", gender="F")
    path = tmp_path / "ds.xlsx"

    members_export(
        user=Operator(),
        filters=MemberFilter(as_of=TODAY, org=tree.grassroots_a),
        path=path,
        printed=True,
    )

    sheet = load_workbook(path).active
    assert sheet is not None
    assert [sheet.cell(row, 1).value for row in (1, 2, 3)] == [
        "ĐẢNG BỘ SỞ TÀI CHÍNH",
        "DANH SÁCH ĐẢNG VIÊN",
        "Tính đến ngày 26/11/2026",
    ]
    assert "H5:J5" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert [sheet.cell(5, c).value for c in (1, 2, 8)] == ["STT", "Họ và tên", "Ngày vào Đảng"]
    assert [sheet.cell(6, c).value for c in (8, 9, 10)] == ["Dự bị", "Chính thức", "Lần thứ hai"]
    assert (sheet.cell(7, 1).value, sheet.cell(9, 1).value) == (1, "Cộng: 1 đảng viên")
    last = sheet.cell(5, sheet.max_column)
    assert (last.value, sheet.cell(7, last.column).value) == ("Trạng thái", "Chính thức")
    assert sheet.auto_filter.ref == f"A6:{last.column_letter}7"
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape")
    assert sheet.print_title_rows == "$5:$6"  # both header rows on every printed page


def test_the_member_list_page_offers_the_printed_export(
    admin: Client, add_member: AddMember, tree: Tree
) -> None:
    add_member(tree.cell_a1, full_name="Đặng Thị Hoa", gender="F")
    listing = admin.get(reverse("members:list")).content.decode()

    response = admin.get(reverse("members:export", args=["xlsx"]) + "?shape=printed")

    assert "shape=printed" in listing
    assert 'filename="dang-vien-20261126.xlsx"' in response["Content-Disposition"]
    assert response.streaming
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet is not None and sheet.cell(1, 1).value == "DANH SÁCH ĐẢNG VIÊN"
    entry = AuditEntry.objects.filter(action="members.exported").latest("pk")
    assert entry.data["printed"] is True


def test_an_export_of_one_organization_is_named_after_it_and_its_date(
    admin: Client, tree: Tree
) -> None:
    url = reverse("members:export", args=["csv"])

    response = admin.get(f"{url}?org={tree.grassroots_a.code}&as_of=01/03/2026")

    assert 'filename="dang-vien-csa-20260301.csv"' in response["Content-Disposition"]
