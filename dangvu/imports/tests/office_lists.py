"""Member lists shaped the way party offices keep them, for the import tests: a title block,
a two-row header with merged cells, a column-numbering row, group rows with a Roman
numeral, a total row and a signature block; one sheet per chi bộ; the same list as a table
in a Word document. Built with openpyxl and python-docx as an office's Excel and Word make
them (merged cells hold their value in their first cell).

The people are the tree's (`conftest.Tree`): cells CSA-1 "Chi bộ Văn phòng" and CSA-2
"Chi bộ Thanh tra" under the đảng bộ CSA.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import TODAY, national_id_for

TOP = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đảng", "",
       "Quê quán", "", "Ghi chú"]  # fmt: skip
SUB = ["", "", "", "", "", "Dự bị", "Chính thức", "Xã", "Tỉnh", ""]
# Columns merged over both header rows (the others have a sub-header).
TALL = [0, 1, 2, 3, 4, 9]
WIDTH = len(TOP)


@dataclass(frozen=True)
class Person:
    name: str
    gender: str  # "M" or "F"
    born: dt.date
    admitted: dt.date
    official: dt.date | None
    national_id: str

    def cells(self, number: int) -> list[object]:
        gender = "Nam" if self.gender == "M" else "Nữ"
        return [number, self.name, self.born, gender, self.national_id, self.admitted,
                self.official or "", "Xuân Phương", "Hà Nội", ""]  # fmt: skip


def person(name: str, gender: str, born: dt.date, admitted: dt.date, official: bool) -> Person:
    finished = dt.date(admitted.year + 1, admitted.month, admitted.day) if official else None
    return Person(name, gender, born, admitted, finished, national_id_for(gender, born))


def office(prefix: str = "") -> tuple[list[Person], list[Person]]:
    """Three official members and two probationary ones (admitted within the year)."""
    recent = TODAY - dt.timedelta(days=120)
    official = [
        person(f"{prefix}Nguyễn Văn Chính", "M", dt.date(1980, 3, 15), dt.date(2005, 5, 19), True),
        person(f"{prefix}Trần Thị Thức", "F", dt.date(1985, 7, 2), dt.date(2010, 9, 2), True),
        person(f"{prefix}Lê Văn Lâu", "M", dt.date(1975, 1, 9), dt.date(2001, 2, 3), True),
    ]
    probationary = [
        person(f"{prefix}Phạm Thị Mới", "F", dt.date(1998, 4, 30), recent, False),
        person(f"{prefix}Đỗ Văn Dự", "M", dt.date(1999, 12, 1), recent, False),
    ]
    return official, probationary


@dataclass(frozen=True)
class Expected:
    """What a list holds: its members, and each other row's number and kind."""

    members: list[Person]
    others: list[tuple[int, str]]


def _title(sheet: Worksheet, cell_title: str) -> None:
    sheet.append(["ĐẢNG BỘ SỞ TÀI CHÍNH", "", "", "", "", "", "ĐẢNG CỘNG SẢN VIỆT NAM"])
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("G1:J1")
    sheet.append([cell_title.upper(), "", "", "", "", "", "Hà Nội, ngày 20 tháng 11 năm 2026"])
    sheet.merge_cells("A2:E2")
    sheet.merge_cells("G2:J2")
    sheet.append([])
    sheet.append(["DANH SÁCH ĐẢNG VIÊN"])
    sheet.merge_cells("A4:J4")
    sheet.append([])


def _header(sheet: Worksheet) -> int:
    """The two-row header and the column numbering; returns the next row."""
    sheet.append(TOP)
    top = sheet.max_row
    sheet.append(SUB)
    for column in TALL:
        letter = chr(65 + column)
        sheet.merge_cells(f"{letter}{top}:{letter}{top + 1}")
    sheet.merge_cells(f"F{top}:G{top}")
    sheet.merge_cells(f"H{top}:I{top}")
    sheet.append([f"({n})" for n in range(1, WIDTH + 1)])
    return top + 3


def _merged_row(sheet: Worksheet, values: list[object], start: str = "B") -> int:
    sheet.append(values)
    row = sheet.max_row
    sheet.merge_cells(f"{start}{row}:J{row}")
    return row


def _signature(sheet: Worksheet, others: list[tuple[int, str]]) -> None:
    sheet.append([])
    sheet.append(["", "", "", "", "", "", "T/M CHI BỘ"])
    others.append((sheet.max_row, "note"))
    sheet.append(["", "", "", "", "", "", "BÍ THƯ"])
    others.append((sheet.max_row, "note"))
    sheet.append([])
    sheet.append(["", "", "", "", "", "", "Nguyễn Văn Bí"])
    others.append((sheet.max_row, "note"))


def _sheet(sheet: Worksheet, cell_title: str, prefix: str) -> Expected:
    """One chi bộ's list: official and probationary groups, a total, the signature."""
    official, probationary = office(prefix)
    others: list[tuple[int, str]] = []
    _title(sheet, cell_title)
    _header(sheet)
    number = 0
    for numeral, label, people in (
        ("I", "ĐẢNG VIÊN CHÍNH THỨC", official),
        ("II", "Đảng viên dự bị", probationary),
    ):
        others.append((_merged_row(sheet, [numeral, label]), "group"))
        for one in people:
            number += 1
            sheet.append(one.cells(number))
            for column in (3, 6, 7):  # dates shown as the office types them
                sheet.cell(sheet.max_row, column).number_format = "dd/mm/yyyy"
    others.append((_merged_row(sheet, [f"Cộng: {number} đảng viên"], start="A"), "total"))
    _signature(sheet, others)
    return Expected(official + probationary, others)


def two_row_header_xlsx(path: Path) -> tuple[Path, Expected]:
    """One chi bộ's list (Văn phòng, named in the title block) in one sheet."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "DS"
    expected = _sheet(sheet, "Chi bộ Văn phòng", "")
    workbook.save(path)
    return path, expected


def sheet_per_cell_xlsx(path: Path) -> tuple[Path, dict[str, Expected]]:
    """A đảng bộ's workbook: a sheet per chi bộ, named after it ("CB Văn phòng", "Thanh
    tra"), and an instructions sheet with no table."""
    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "Hướng dẫn"
    notes.append(["Mỗi chi bộ một trang; ghi ngày theo dạng ngày/tháng/năm."])
    expected = {
        "CSA-1": _sheet(workbook.create_sheet("CB Văn phòng"), "Đảng bộ Sở Tài chính", ""),
        "CSA-2": _sheet(workbook.create_sheet("Thanh tra"), "Đảng bộ Sở Tài chính", "Hai "),
    }
    workbook.save(path)
    return path, expected


def grouped_by_cell_xlsx(path: Path) -> tuple[Path, dict[str, list[Person]]]:
    """A đảng bộ's list in one sheet, a group row per chi bộ ("1. Chi bộ Văn phòng"), no
    cell column."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    _title(sheet, "Đảng bộ Sở Tài chính")
    _header(sheet)
    official, probationary = office()
    placed = {"CSA-1": official, "CSA-2": probationary}
    number = 0
    for numeral, (code, name) in enumerate(
        (("CSA-1", "Chi bộ Văn phòng"), ("CSA-2", "CHI BỘ THANH TRA")), start=1
    ):
        _merged_row(sheet, [f"{numeral}.", name])
        for one in placed[code]:
            number += 1
            sheet.append(one.cells(number))
    _merged_row(sheet, ["Tổng cộng", f"{number} đảng viên"], start="B")
    workbook.save(path)
    return path, placed


def word_table_docx(path: Path) -> tuple[Path, Expected]:
    """The chi bộ's list as a Word table: the title as paragraphs above it, the two-row
    header with merged cells, group rows merged across, the total; the signature as
    paragraphs below."""
    official, probationary = office()
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(11)
    document.add_paragraph("ĐẢNG BỘ SỞ TÀI CHÍNH")
    document.add_paragraph("CHI BỘ VĂN PHÒNG")
    document.add_paragraph("DANH SÁCH ĐẢNG VIÊN")
    rows = 2 + 2 + len(official) + len(probationary) + 1
    table = document.add_table(rows=rows, cols=WIDTH)
    for column, (top, sub) in enumerate(zip(TOP, SUB, strict=True)):
        table.cell(0, column).text = top
        table.cell(1, column).text = sub
    for column in TALL:
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(0, 5).merge(table.cell(0, 6))
    table.cell(0, 7).merge(table.cell(0, 8))
    others: list[tuple[int, str]] = []
    # Rows of the "sheet": the three title paragraphs come first.
    at, number = 2, 0
    for numeral, label, people in (
        ("I", "Đảng viên chính thức", official),
        ("II", "Đảng viên dự bị", probationary),
    ):
        table.cell(at, 0).text = numeral
        table.cell(at, 1).merge(table.cell(at, WIDTH - 1)).text = label
        others.append((at + 4, "group"))
        at += 1
        for one in people:
            number += 1
            for column, value in enumerate(one.cells(number)):
                text = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
                table.cell(at, column).text = text
            at += 1
    table.cell(at, 0).merge(table.cell(at, WIDTH - 1)).text = f"Cộng: {number} đảng viên"
    others.append((at + 4, "total"))
    document.add_paragraph("T/M CHI BỘ")
    document.add_paragraph("BÍ THƯ")
    document.save(str(path))
    return path, Expected(official + probationary, others)
