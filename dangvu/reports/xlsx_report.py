"""A report's tables as the sheets of a workbook (`common.spreadsheets`), each titled with
the report, the table and the dates its figures are counted on."""

from django.utils.translation import gettext as _

from dangvu.common.spreadsheets import Sheet
from dangvu.reports.model import Report

MAX_SHEET_NAME = 31  # Excel's limit


def report_sheets(report: Report) -> list[Sheet]:
    dates = _("Số liệu tính đến ngày %(counted)s; kết quả tính đến ngày %(as_of)s") % {
        "counted": f"{report.counted_on:%d/%m/%Y}",
        "as_of": f"{report.as_of:%d/%m/%Y}",
    }
    sheets = []
    for number, table in enumerate(report.tables, start=1):
        name = f"{number}. {table.title}"[:MAX_SHEET_NAME]
        title = [report.committee_name, f"{report.title} {report.summary}", table.title, dates]
        sheets.append(Sheet(name, table.columns, table.rows, title))
    return sheets
