"""Measuring a workbook before calamine reads it: the quick bound of the usual sheet, and
the exact count for every other way of writing a cell far away."""

import zipfile
from pathlib import Path

import pytest

from dangvu.imports.limits import MB, ReadLimits
from dangvu.imports.reading import UnreadableFile, open_rows
from dangvu.imports.tests.hostile import _header_row, write_package

FAR = r"quá giới hạn 200\.000 dòng"


def _sheet(tmp_path: Path, *rows: str) -> Path:
    return write_package(tmp_path / "ds.xlsx", lambda: [_header_row(), *rows])


def _replace_sheet(path: Path, sheet: bytes) -> Path:
    """PATH (a package) with its sheet part replaced by SHEET, as written."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "far",
    [
        '<row r="1048576"><c r="A1048576"><v>1</v></c></row>',  # the usual form
        '<row r="1048576"><c><v>1</v></c></row>',  # no address: the row's
        '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>',
        '<row r="3"><c r="&#65;1048576"><v>1</v></c></row>',  # an entity in the address
        "<row r='3'><c r='A1048576'><v>1</v></c></row>",  # single quotes
        '<row r="3"><c s="0" r="A1048576"><v>1</v></c></row>',  # the address not first
        '<row r="3"><x:c r="A1048576"><x:v>1</x:v></x:c></row>',  # a prefix
        '<row r="3"><c\tr="A1048576"><v>1</v></c></row>',  # a tab
    ],
)
def test_a_cell_far_away_is_found_however_it_is_written(tmp_path: Path, far: str) -> None:
    with pytest.raises(UnreadableFile, match=FAR):
        open_rows(_sheet(tmp_path, far))


def test_a_sheet_in_utf16_is_measured_exactly(tmp_path: Path) -> None:
    """The quick bound reads bytes as ASCII: it must not take UTF-16 for an empty sheet."""
    body = f'<?xml version="1.0" encoding="UTF-16"?><worksheet><sheetData>{_header_row()}'
    body += '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>'
    path = _replace_sheet(write_package(tmp_path / "ds.xlsx", list), body.encode("utf-16"))

    with pytest.raises(UnreadableFile, match=FAR):
        open_rows(path)


def test_styled_empty_cells_far_away_are_not_data(tmp_path: Path) -> None:
    """Excel writes formatted empty cells; calamine skips them, and so does the count."""
    data = '<row r="2"><c r="A2" t="inlineStr"><is><t>Nguyễn Văn A</t></is></c></row>'
    styled = '<row r="1048576"><c r="XFD1048576" s="1"/></row>'

    _name, rows = open_rows(_sheet(tmp_path, data, styled))

    assert rows.total == 2 and len(list(rows)) == 2


def test_the_area_is_limited_as_well_as_rows_and_columns(tmp_path: Path) -> None:
    path = _sheet(tmp_path, '<row r="1000"><c r="CV1000"><v>1</v></c></row>')  # 1,000 × 100

    with pytest.raises(UnreadableFile, match=r"1\.000 dòng × 100 cột, quá giới hạn 50\.000 ô"):
        open_rows(path, limits=ReadLimits(max_cells=50_000))
    assert open_rows(path, limits=ReadLimits(max_cells=100_000))[1].total == 1000


def test_a_doctype_is_refused(tmp_path: Path) -> None:
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    sheet = f"{bomb}<worksheet><sheetData>{_header_row()}</sheetData></worksheet>"
    path = _replace_sheet(write_package(tmp_path / "ds.xlsx", list), sheet.encode())

    with pytest.raises(UnreadableFile, match="bị hỏng hoặc không đúng định dạng"):
        open_rows(path)


def test_too_much_unpacked_is_refused(tmp_path: Path) -> None:
    path = _sheet(tmp_path, " " * (2 * MB))

    with pytest.raises(UnreadableFile, match="tệp giải nén ra 3 MB, quá giới hạn 1 MB"):
        open_rows(path, limits=ReadLimits(max_uncompressed=MB, max_ratio=10_000))
