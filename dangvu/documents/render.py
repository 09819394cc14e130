"""Render the Party documents from their ``.docx`` templates (docxtpl + Jinja).

The templates live in ``templates_docx/<name>.docx`` (built by ``build_templates.py``; staff may
replace them with their own Word files using the same placeholders). Rendering is strict: a
placeholder whose value is missing from the context raises :class:`DocumentContextError`
instead of printing blank, and a placeholder that evaluates to ``None`` raises as well (guard
optional values with ``{% if … %}`` in the template).

Dates in the context are :class:`datetime.date`. ``{{ d|vn_date }}`` prints ``dd/mm/yyyy``
(a bare ``{{ d }}`` prints the same), ``{{ d|vn_long_date }}`` prints
``ngày 05 tháng 03 năm 2026``.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates_docx"

DOCUMENTS: dict[str, str] = {
    "admission_decision": "Quyết định kết nạp đảng viên",
    "recognition_decision": "Quyết định công nhận đảng viên chính thức",
    "transfer_letter": "Giấy giới thiệu sinh hoạt đảng",
}

TRANSFER_OFFICIAL = "chính thức"
TRANSFER_TEMPORARY = "tạm thời"
TRANSFER_KINDS = (TRANSFER_OFFICIAL, TRANSFER_TEMPORARY)


class DocumentError(Exception):
    """Base class for document generation errors."""


class UnknownDocumentError(DocumentError):
    """The document name is not one of :data:`DOCUMENTS`."""


class DocumentContextError(DocumentError):
    """The context lacks a value the template needs, or holds an invalid one."""


class DocumentTemplateError(DocumentError):
    """The template file is missing or its Jinja syntax is broken."""


def _as_date(value: object, what: str) -> dt.date:
    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()  # raises jinja2.UndefinedError naming the key
    if not isinstance(value, dt.date):
        raise DocumentContextError(f"{what}: expected a date, got {value!r}")
    return value


def vn_date(value: object) -> str:
    """``date(2026, 3, 5)`` → ``"05/03/2026"``."""
    day = _as_date(value, "vn_date")
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def vn_long_date(value: object) -> str:
    """``date(2026, 3, 5)`` → ``"ngày 05 tháng 03 năm 2026"`` (day and month on two digits)."""
    day = _as_date(value, "vn_long_date")
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year:04d}"


def place_and_date(place: str, day: dt.date) -> str:
    """``("Thanh Hóa", date(2026, 3, 5))`` → ``"Thanh Hóa, ngày 05 tháng 03 năm 2026"``."""
    return f"{place}, {vn_long_date(day)}"


def _finalize(value: Any) -> Any:
    """Applied to every ``{{ … }}`` output: dates print as dd/mm/yyyy, ``None`` is refused."""
    if isinstance(value, dt.date):
        return vn_date(value)
    if value is None:
        raise DocumentContextError(
            "a placeholder evaluated to None; give it a value or guard it with {% if %}"
        )
    return value


def make_jinja_env() -> jinja2.Environment:
    """The Jinja environment used for every template: strict, XML-escaping, with our filters."""
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # values such as "A & B" must not break the document XML
        finalize=_finalize,
    )
    env.filters["vn_date"] = vn_date
    env.filters["vn_long_date"] = vn_long_date
    env.globals["place_and_date"] = place_and_date
    return env


def template_path_for(name: str) -> Path:
    """The shipped default template of a document."""
    if name not in DOCUMENTS:
        known = ", ".join(sorted(DOCUMENTS))
        raise UnknownDocumentError(f"unknown document {name!r}; known documents: {known}")
    return TEMPLATE_DIR / f"{name}.docx"


def _check_transfer_letter(context: Mapping[str, Any]) -> None:
    kind = context.get("kind")
    if not isinstance(kind, str) or unicodedata.normalize("NFC", kind) not in TRANSFER_KINDS:
        raise DocumentContextError(
            f"transfer_letter: 'kind' must be one of {TRANSFER_KINDS}, got {kind!r}"
        )
    if unicodedata.normalize("NFC", kind) == TRANSFER_TEMPORARY and not isinstance(
        context.get("return_date"), dt.date
    ):
        raise DocumentContextError(
            "transfer_letter: a temporary transfer needs 'return_date' (a date)"
        )


_CHECKS: dict[str, Callable[[Mapping[str, Any]], None]] = {
    "transfer_letter": _check_transfer_letter,
}


def render_document(
    name: str, context: Mapping[str, Any], *, template_path: Path | None = None
) -> bytes:
    """Render document ``name`` with ``context`` and return the ``.docx`` bytes.

    ``template_path`` overrides the shipped default template (e.g. a file uploaded by staff).
    Raises :class:`DocumentContextError` when a value is missing or invalid and
    :class:`DocumentTemplateError` when the template cannot be read or parsed.
    """
    default_path = template_path_for(name)
    path = template_path if template_path is not None else default_path
    if not path.is_file():
        raise DocumentTemplateError(f"{name}: template file not found: {path}")
    values = dict(context)
    if "kind" in values and isinstance(values["kind"], str):
        values["kind"] = unicodedata.normalize("NFC", values["kind"])
    check = _CHECKS.get(name)
    if check is not None:
        check(values)

    template = DocxTemplate(str(path))
    try:
        template.render(values, jinja_env=make_jinja_env(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise DocumentContextError(f"{name}: missing context value: {exc.message}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise DocumentTemplateError(
            f"{name}: broken placeholder in template {path.name}: {exc.message}"
        ) from exc
    except DocumentContextError as exc:
        raise DocumentContextError(f"{name}: {exc}") from exc
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
