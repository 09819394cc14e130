"""A report as DOCX in the Party format: the frame of `documents.report_frame` (issuer,
number, place and date, signer) around its parts, each with its sentences, tables, charts
and numbered items, in Times New Roman."""

import io
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from dangvu.documents.report_frame import render_report
from dangvu.reports.charts import chart_png
from dangvu.reports.model import Part, Report, Table, vn_number

CHART_WIDTH = Mm(150)
TABLE_PT = 11


def _sentence(document: DocxDocument, text: str, *, bold: bool = False,
              italic: bool = False) -> None:  # fmt: skip
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run(text)
    run.font.bold, run.font.italic = bold, italic


def _cell_text(value: object) -> str:
    if isinstance(value, int | float):
        return vn_number(value)
    return "" if value is None else str(value)


def _table(document: DocxDocument, table: Table) -> None:
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(6)
    caption.add_run(table.title).font.bold = True
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells: list[list[object]] = [[header for header, _width in table.columns], *table.rows]
    for row_cells, values in zip(grid.rows, cells, strict=True):
        for cell, value in zip(row_cells.cells, values, strict=True):
            run = cell.paragraphs[0].add_run(_cell_text(value))
            run.font.size = Pt(TABLE_PT)
            run.font.bold = row_cells is grid.rows[0]
    document.add_paragraph().paragraph_format.space_after = Pt(6)


def _part(document: DocxDocument, part: Part) -> None:
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True
    heading.add_run(part.heading).font.bold = True
    for sentence in part.sentences:
        _sentence(document, sentence)
    if part.written is not None:
        if part.written.draft:
            _sentence(document, _("(Phần viết dưới đây còn là dự thảo.)"), italic=True)
        for paragraph in part.written.paragraphs:
            _sentence(document, paragraph)
    for number, item in enumerate(part.items, start=1):
        _sentence(document, f"{number}. {item}")
    for table in part.tables:
        _table(document, table)
    for chart in part.charts:
        picture = document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.add_run().add_picture(io.BytesIO(chart_png(chart)), width=CHART_WIDTH)


def report_docx(report: Report, issuer: dict[str, Any], *,
                template_path: Path | None = None) -> bytes:  # fmt: skip
    """REPORT as DOCX under ISSUER (`documents.issuers.issuer_context`), in the frame at
    TEMPLATE_PATH (the staff's template) or the built-in one."""

    def write(document: DocxDocument) -> None:
        _sentence(
            document,
            _(
                "(Số liệu tổ chức và đảng viên tính đến ngày %(counted)s; kết quả đánh giá, "
                "thực hiện chỉ tiêu và nhiệm vụ tính đến ngày %(as_of)s.)"
            )
            % {"counted": f"{report.counted_on:%d/%m/%Y}", "as_of": f"{report.as_of:%d/%m/%Y}"},
            italic=True,
        )
        for part in report.parts:
            _part(document, part)

    context = {**issuer, "title": report.title, "summary": report.summary}
    context.setdefault("recipients", [])
    return render_report(context, write, template_path=template_path)
