"""Importing the lists offices keep (`office_lists`): every member right, every other row
listed as what it is, the cell taken from a title, a sheet or a group row, the status
groups checked against the dates, and the user's corrections of how rows are read."""

import io
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from conftest import TODAY, Tree
from dangvu.imports.layout import RowKind
from dangvu.imports.members import check_members, commit_members
from dangvu.imports.problems import CheckResult
from dangvu.imports.reading import UnreadableFile
from dangvu.imports.tests.office_lists import (
    Person,
    grouped_by_cell_xlsx,
    sheet_per_cell_xlsx,
    two_row_header_xlsx,
    word_table_docx,
)
from dangvu.members.models import Member
from dangvu.organizations.access import Operator
from dangvu.organizations.models import Membership, OrgUnit


def _others(result: CheckResult, sheet: int = 0) -> list[tuple[int, str]]:
    return [(o.row, o.kind) for o in result.other_rows if o.sheet == sheet]


def _assert_imported(people: list[Person], cell: OrgUnit) -> None:
    for one in people:
        member = Member.objects.get(national_id=one.national_id)
        assert (member.full_name, member.birth_date, member.gender) == (
            one.name,
            one.born,
            one.gender,
        )
        assert (member.admission_date, member.official_date) == (one.admitted, one.official)
        assert Membership.objects.get(member=member).org == cell


@pytest.mark.parametrize("make", [two_row_header_xlsx, word_table_docx], ids=["xlsx", "docx"])
def test_a_printed_list_is_imported_with_its_other_rows_listed(
    tree: Tree, tmp_path: Path, make: object
) -> None:
    path, expected = make(tmp_path / ("ds.docx" if make is word_table_docx else "ds.xlsx"))  # type: ignore[operator]

    result = check_members(path=path, user=Operator(), today=TODAY)
    batch = commit_members(actor=Operator(), path=path, user=Operator(), today=TODAY)

    assert list(result.problems) == []
    assert result.headers[5:7] == ["Ngày vào Đảng / Dự bị", "Ngày vào Đảng / Chính thức"]
    assert (result.mapping[5], result.mapping[6]) == ("admission_date", "official_date")
    assert _others(result) == expected.others
    assert (batch.to_create, batch.rows_total) == (5, 5)
    _assert_imported(expected.members, tree.cell_a1)  # "CHI BỘ VĂN PHÒNG" in the title


def test_each_sheet_is_read_for_the_cell_it_names(tree: Tree, tmp_path: Path) -> None:
    path, expected = sheet_per_cell_xlsx(tmp_path / "dang-bo.xlsx")

    result = check_members(path=path, user=Operator(), today=TODAY)
    commit_members(actor=Operator(), path=path, user=Operator(), today=TODAY)

    assert list(result.problems) == []
    assert result.sheets == ["Hướng dẫn", "CB Văn phòng", "Thanh tra"]
    assert _others(result, 1) == expected["CSA-1"].others
    assert _others(result, 2) == expected["CSA-2"].others
    assert _others(result, 0) == [(0, "sheet")]  # the instructions: no table, listed
    _assert_imported(expected["CSA-1"].members, tree.cell_a1)
    _assert_imported(expected["CSA-2"].members, tree.cell_a2)


def test_a_problem_names_its_sheet_when_the_file_has_several(tree: Tree, tmp_path: Path) -> None:
    path, _expected = sheet_per_cell_xlsx(tmp_path / "dang-bo.xlsx")
    workbook = load_workbook(path)
    workbook["Thanh tra"]["C11"] = "31/02/1985"
    workbook.save(path)

    result = check_members(path=path, user=Operator(), today=TODAY)

    assert [str(p) for p in result.problems] == [
        "trang “Thanh tra”, dòng 11, cột C (Ngày sinh): “31/02/1985” Ngày không hợp lệ: "
        "'31/02/1985'"
    ]


def test_group_rows_naming_cells_place_the_rows_under_them(tree: Tree, tmp_path: Path) -> None:
    path, placed = grouped_by_cell_xlsx(tmp_path / "dang-bo.xlsx")

    result = check_members(path=path, user=Operator(), today=TODAY, org=tree.grassroots_a)
    commit_members(actor=Operator(), path=path, user=Operator(), today=TODAY, org=tree.grassroots_a)

    assert list(result.problems) == []
    assert _others(result) == [(9, "group"), (13, "group"), (16, "total")]
    _assert_imported(placed["CSA-1"], tree.cell_a1)
    _assert_imported(placed["CSA-2"], tree.cell_a2)


def test_without_a_cell_column_or_a_group_naming_one_the_column_is_missing(
    tree: Tree, tmp_path: Path
) -> None:
    path, _placed = grouped_by_cell_xlsx(tmp_path / "dang-bo.xlsx")

    result = check_members(
        path=path,
        user=Operator(),
        today=TODAY,
        row_kinds={(0, 9): RowKind.NOTE, (0, 13): RowKind.NOTE},
    )

    assert [str(p) for p in result.problems] == ["dòng 6: Thiếu cột bắt buộc: Chi bộ."]
    assert _others(result)[:2] == [(9, "note"), (13, "note")]
    assert [o.read for o in result.other_rows[:2]] == ["group", "group"]


def test_a_status_group_is_checked_against_the_dates(tree: Tree, tmp_path: Path) -> None:
    path, _expected = two_row_header_xlsx(tmp_path / "ds.xlsx")

    # Without the "II. Đảng viên dự bị" row, the probationary members sit under "I. ĐẢNG
    # VIÊN CHÍNH THỨC".
    result = check_members(path=path, user=Operator(), today=TODAY, row_kinds={(0, 13): "note"})  # type: ignore[dict-item]

    assert [(p.row, p.column) for p in result.problems] == [(14, "G"), (15, "G")]
    assert result.problems[0].message.startswith(
        "Dòng thuộc nhóm “I ĐẢNG VIÊN CHÍNH THỨC” nhưng chưa có ngày chính thức"
    )


def test_a_row_corrected_to_a_member_is_checked_as_one(tree: Tree, tmp_path: Path) -> None:
    path, _expected = two_row_header_xlsx(tmp_path / "ds.xlsx")

    result = check_members(
        path=path, user=Operator(), today=TODAY, row_kinds={(0, 16): RowKind.MEMBER}
    )

    assert {p.row for p in result.problems} == {16}
    assert (16, "member") in _others(result)  # listed still, to be set back


def test_the_cli_lists_the_rows_it_does_not_import(tree: Tree, tmp_path: Path) -> None:
    path, _expected = two_row_header_xlsx(tmp_path / "ds.xlsx")
    out = io.StringIO()

    call_command("import", "members", str(path), "--dry-run", stdout=out, stderr=io.StringIO())

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Kiểm tra xong 5 dòng: 5 tạo mới")
    assert lines[1:5] == [
        "Các dòng không phải đảng viên (không nhập):",
        "  dòng 9: Dòng nhóm — “I ĐẢNG VIÊN CHÍNH THỨC”",
        "  dòng 13: Dòng nhóm — “II Đảng viên dự bị”",
        "  dòng 16: Dòng cộng — “Cộng: 5 đảng viên”",
    ]
    assert lines[5] == "  dòng 18: Chữ ký, ghi chú — “T/M CHI BỘ”"


def test_a_word_file_without_a_table_or_damaged_is_refused_in_one_line(tmp_path: Path) -> None:
    plain = tmp_path / "thu.docx"
    document = docx.Document()
    document.add_paragraph("Kính gửi Đảng ủy")
    document.save(str(plain))
    damaged = tmp_path / "hong.docx"
    damaged.write_bytes(b"PK\x03\x04 not a package")

    with pytest.raises(UnreadableFile, match="tệp Word không có bảng nào"):
        check_members(path=plain, user=Operator(), today=TODAY)
    with pytest.raises(UnreadableFile, match=r"tệp \.docx bị hỏng"):
        check_members(path=damaged, user=Operator(), today=TODAY)
