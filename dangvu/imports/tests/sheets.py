"""Spreadsheets as offices send them, for the import tests: a merged title row above the
header, dates as Excel date cells, text stored as text."""

import datetime as dt
from pathlib import Path

import xlsxwriter


def write_xlsx(
    path: Path,
    header: list[str],
    rows: list[list[object]],
    *,
    title: str,
    sheet_name: str,
    title_rows: int = 2,
) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet(sheet_name)
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.merge_range(0, 0, 0, 5, title)
    for column, label in enumerate(header):
        sheet.write(title_rows, column, label)
    for r, row in enumerate(rows, start=title_rows + 1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write(r, c, value)
    workbook.close()
    return path
