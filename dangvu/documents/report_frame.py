"""A report (báo cáo) in the Party format: the frame of `build_templates.build_report_frame`
(issuer, "ĐẢNG CỘNG SẢN VIỆT NAM", number, place and date, title, signer; Times New Roman,
A4), or the Word file staff put in its place (the template "annual_report"), rendered with
the issuer's context like every document, and the body the caller writes with python-docx
put where the frame's marker paragraph (REPORT_BODY) stands. The body never passes through
the template engine: names typed by staff print as they are."""

import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docxtpl import DocxTemplate

from dangvu.documents.build_templates import REPORT_BODY, build_report_frame
from dangvu.documents.render import (
    DocumentContextError,
    DocumentTemplateError,
    _plain,
    make_jinja_env,
)


def render_report(context: Mapping[str, Any], write_body: Callable[[DocxDocument], None],
                  *, template_path: Path | None = None) -> bytes:  # fmt: skip
    """The report's .docx: CONTEXT fills the frame (`issuer_context` plus TITLE and
    SUMMARY), or the Word file at TEMPLATE_PATH; WRITE_BODY appends the body to the
    document it is given. A frame without the marker paragraph raises
    DocumentTemplateError."""
    frame = io.BytesIO()
    if template_path is None:
        build_report_frame().save(frame)
    else:
        frame.write(template_path.read_bytes())
    template = DocxTemplate(frame)
    values = {key: _plain(value, key) for key, value in context.items()}
    try:
        template.render(values, jinja_env=make_jinja_env(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise DocumentContextError(f"report: missing context value: {exc.message}") from exc
    rendered = io.BytesIO()
    template.save(rendered)
    document = Document(io.BytesIO(rendered.getvalue()))
    marker = next((p for p in document.paragraphs if p.text.strip() == REPORT_BODY), None)
    if marker is None:
        raise DocumentTemplateError(
            _("mẫu báo cáo phải giữ một đoạn chỉ có %(marker)s, nơi chèn nội dung báo cáo")
            % {"marker": REPORT_BODY}
        )
    body = document.element.body
    before = set(body)
    write_body(document)
    for element in [element for element in body if element not in before]:
        marker._p.addprevious(element)
    body.remove(marker._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
