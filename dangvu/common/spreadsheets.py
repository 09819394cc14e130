"""Writing a table to XLSX or CSV, for every export: Vietnamese headers, dd/mm/yyyy dates,
identifiers kept as text, and nothing a spreadsheet would run.

XLSX: a frozen header row with column widths and an autofilter, printed A4 landscape with
the header on every page, real date cells shown dd/mm/yyyy, numbers (counts, scores) as
number cells, every other value a text cell (so "038…" keeps its zero and "=HYPERLINK(…)"
stays text); written in constant memory, one sheet or several.
CSV: UTF-8 with BOM (Excel opens it with the Vietnamese letters intact); a cell that a
spreadsheet would read as a formula, one starting with =, +, -, @, tab or carriage return,
is written after a single quote, as OWASP advises ("CSV injection"). The import reads that
quote away, so a round trip changes nothing.
"""

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

from dangvu.common.numbers import grouped

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The content type of a download of each format write_table writes.
# The last row an XLSX sheet has (Excel's limit, 2**20 rows).
XLSX_ROWS = 1_048_576
A4 = 9  # xlsxwriter's number for the paper size


class TooManyRows(ValueError):
    """More rows than an XLSX sheet holds: the file would silently lose the rest."""

    def __init__(self, rows: int) -> None:
        super().__init__(
            _("Một trang Excel chứa được tối đa {limit} dòng; danh sách dài hơn. Hãy xuất CSV, "
              "hoặc lọc bớt rồi xuất lại.").format(limit=grouped(rows))
        )  # fmt: skip


EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def write_table(
    path: Path,
    *,
    sheet: str,
    columns: Sequence[tuple[str, int]],
    rows: Iterable[Sequence[Any]],
    title: Sequence[str] = (),
) -> int:
    """Write COLUMNS (header, width) and ROWS to PATH, as .xlsx or .csv by its suffix;
    SHEET names the XLSX sheet, and the TITLE lines (a printed list's heading) go above its
    table. A CSV stays a bare table, for other programs. Returns the number of rows."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _write_csv(path, columns, rows)
    if suffix == ".xlsx":
        return _write_xlsx(path, sheet, columns, rows, title)
    raise ValueError("export format must be .xlsx or .csv")


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its NAME, COLUMNS (header, width), ROWS and TITLE lines."""

    name: str
    columns: Sequence[tuple[str, int]]
    rows: Iterable[Sequence[Any]]
    title: Sequence[str] = ()


def _write_xlsx(
    path: Path,
    sheet_name: str,
    columns: Sequence[tuple[str, int]],
    rows: Iterable[Sequence[Any]],
    title: Sequence[str],
) -> int:
    return write_workbook(path, [Sheet(sheet_name, columns, rows, title)])[0]


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> list[int]:
    """Write SHEETS to the XLSX file PATH, each as `write_table` writes one; returns the
    number of rows of each."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "in_memory": False})
    formats = {
        "bold": workbook.add_format({"bold": True, "bg_color": "#F2DCDB", "border": 1}),
        "heading": workbook.add_format({"bold": True, "align": "center", "font_size": 13}),
        "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
        "text": workbook.add_format({"num_format": "@"}),
    }
    counts = [_fill(workbook.add_worksheet(sheet.name), sheet, formats) for sheet in sheets]
    workbook.close()
    return counts


def print_setup(sheet: Any, *, header: tuple[int, int]) -> None:
    """How a list prints: A4 landscape, as wide as one page, the HEADER rows (first, last)
    on every page, "Trang n/m" at the foot."""
    sheet.set_paper(A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(*header)
    sheet.set_footer("&C" + _("Trang &P/&N"))


def _fill(sheet: Any, table: Sheet, formats: dict[str, Any]) -> int:
    columns = table.columns
    for line, words in enumerate(table.title):
        sheet.merge_range(line, 0, line, len(columns) - 1, words, formats["heading"])
    top = len(table.title) + 1 if table.title else 0  # a blank row between heading and table
    for column, (header, width) in enumerate(columns):
        sheet.set_column(column, column, width)
        sheet.write_string(top, column, header, formats["bold"])
    sheet.freeze_panes(top + 1, 0)
    count = 0
    for count, row in enumerate(table.rows, start=1):
        if top + count >= XLSX_ROWS:
            raise TooManyRows(XLSX_ROWS)
        for column, value in enumerate(row):
            if isinstance(value, dt.date):
                day = dt.datetime.combine(value, dt.time())
                sheet.write_datetime(top + count, column, day, formats["date"])
            elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                sheet.write_number(top + count, column, value)
            elif value not in ("", None):
                sheet.write_string(top + count, column, str(value), formats["text"])
    sheet.autofilter(top, 0, top + count, len(columns) - 1)
    print_setup(sheet, header=(top, top))
    return count


def csv_cell(value: Any) -> str:
    """VALUE as a CSV cell: dates dd/mm/yyyy, a would-be formula behind a single quote."""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _write_csv(
    path: Path, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[Any]]
) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([csv_cell(header) for header, _width in columns])
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
            count += 1
    return count
