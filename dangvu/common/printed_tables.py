"""A table written in the shape offices print and file (XLSX): a title block, a header of
two rows where a parent heading is merged over its sub-columns ("Ngày vào Đảng" over
"Dự bị" and "Chính thức") and the other headings span both rows, a numbered column, and a
total and signature block under the table.

The import reads this shape back (`imports.layout`): the merged header's parts make the
columns' names, the total and signature rows are listed, not imported. Cells are written
as `spreadsheets` writes them (real dates, identifiers as text), in constant memory, so
each row is written whole before the next: xlsxwriter forgets a row, and refuses a merge
starting in it, once it moves on. So a heading over both header rows is drawn as one (no
line between its two cells) rather than merged.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from dangvu.common.spreadsheets import print_setup


@dataclass(frozen=True)
class Column:
    """A column: its heading (a sub-column's own words under its PARENT), width, parent."""

    header: str
    width: int
    parent: str = ""


@dataclass(frozen=True)
class PrintedTable:
    """TITLE lines above, COLUMNS (a "STT" column is put first), ROWS, and FOOTER lines
    under the table, each given the row count: ("Cộng: {count} đảng viên", …)."""

    sheet: str
    title: Sequence[str]
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    footer: Sequence[str]


def write_printed(path: Path, table: PrintedTable) -> int:
    """Write TABLE to the XLSX file PATH; returns the number of rows."""
    return write_printed_book(path, [table])[0]


def write_printed_book(path: Path, tables: Sequence[PrintedTable]) -> list[int]:
    """Write TABLES, one sheet each in their order, to the XLSX file PATH; returns the
    number of rows of each."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "in_memory": False})
    box = {"border": 1, "text_wrap": True, "valign": "vcenter"}
    formats = {
        "heading": workbook.add_format({"bold": True, "align": "center", "font_size": 13}),
        "header": workbook.add_format({**box, "bold": True, "align": "center"}),
        "upper": workbook.add_format({**box, "bold": True, "align": "center", "bottom": 0}),
        "lower": workbook.add_format({**box, "top": 0}),
        "date": workbook.add_format({**box, "num_format": "dd/mm/yyyy"}),
        "text": workbook.add_format({**box, "num_format": "@"}),
        "cell": workbook.add_format(box),
        "footer": workbook.add_format({"italic": True}),
    }
    counts = [_sheet(workbook.add_worksheet(table.sheet), table, formats) for table in tables]
    workbook.close()
    return counts


def _sheet(sheet: Any, table: PrintedTable, formats: dict[str, Any]) -> int:
    columns = [Column("STT", 5), *table.columns]
    last = len(columns) - 1
    for line, words in enumerate(table.title):
        sheet.merge_range(line, 0, line, last, words, formats["heading"])
    top = len(table.title) + 1 if table.title else 0
    _header(sheet, top, columns, formats)
    sheet.freeze_panes(top + 2, 2)
    count = 0
    for count, row in enumerate(table.rows, start=1):
        _row(sheet, top + 1 + count, [count, *row], formats)
    # The total under the numbers; the signature block to the right, as offices sign.
    below, signature = top + count + 3, max(1, last - 3)
    for line, words in enumerate(table.footer):
        sheet.write_string(below + line, signature if line else 0, words.format(count=count))
    sheet.autofilter(top + 1, 0, top + 1 + count, last)
    print_setup(sheet, header=(top, top + 1))
    return count


def _header(sheet: Any, top: int, columns: Sequence[Column], styles: dict[str, Any]) -> None:
    """The two header rows, each whole before the next (constant memory): a parent merged
    over its sub-columns; a heading without one in the upper cell, the lower cell left
    blank without the line between them, so the two print as one."""
    parents: dict[str, list[int]] = {}
    for index, column in enumerate(columns):
        sheet.set_column(index, index, column.width)
        if column.parent:
            parents.setdefault(column.parent, []).append(index)
    for parent, indexes in parents.items():
        sheet.merge_range(top, indexes[0], top, indexes[-1], parent, styles["header"])
    for index, column in enumerate(columns):
        if not column.parent:
            sheet.write_string(top, index, column.header, styles["upper"])
    for index, column in enumerate(columns):
        if column.parent:
            sheet.write_string(top + 1, index, column.header, styles["header"])
        else:
            sheet.write_blank(top + 1, index, None, styles["lower"])


def _row(sheet: Any, at: int, values: Sequence[Any], formats: dict[str, Any]) -> None:
    for column, value in enumerate(values):
        if isinstance(value, dt.date):
            day = dt.datetime.combine(value, dt.time())
            sheet.write_datetime(at, column, day, formats["date"])
        elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            sheet.write_number(at, column, value, formats["cell"])
        elif value not in ("", None):
            sheet.write_string(at, column, str(value), formats["text"])
        else:
            sheet.write_blank(at, column, None, formats["cell"])
