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
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates_docx"

DOCUMENTS: dict[str, str] = {
    "admission_decision": "Quyết định kết nạp đảng viên",
    "recognition_decision": "Quyết định công nhận đảng viên chính thức",
    "transfer_letter": "Giấy giới thiệu sinh hoạt đảng",
    "commendation_decision": "Quyết định khen thưởng",
    "certificates": "Giấy khen",
    "removal_decision": "Quyết định xóa tên đảng viên",
    "member_sheet": "Phiếu đảng viên (mẫu 2-HSĐV)",
    "member_list": "Danh sách đảng viên",
    "meeting_invitation": "Giấy mời dự hội nghị, sinh hoạt chi bộ",
    "meeting_attendance": "Danh sách tham dự hội nghị, sinh hoạt chi bộ",
    "meeting_minutes": "Biên bản hội nghị, sinh hoạt chi bộ",
    "annual_report": "Báo cáo tổng kết công tác xây dựng Đảng",
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


class UnsafeTemplateError(DocumentTemplateError):
    """A placeholder reaches for what the sandbox refuses (Python internals, huge values)."""


# The largest string or list a placeholder may build with `*`, and the largest exponent:
# a document is a few pages, and `'x' * 10**10` would exhaust the server's memory.
MAX_PRODUCT = 100_000
MAX_EXPONENT = 64
# What a document's context may hold: data, never objects with methods and globals.
_PLAIN = (str, int, float, bool, dt.date)


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


class DocumentEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's sandbox: templates are uploaded by staff, so a placeholder may not reach
    attributes starting with ``_`` (``__class__``, ``__globals__``…), call unsafe methods,
    change a value, or build a string, list or number big enough to stop the server."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"exponent {right} is over {MAX_EXPONENT}")
        if operator == "*":
            sizes = [len(v) for v in (left, right) if isinstance(v, str | list | tuple)]
            counts = [v for v in (left, right) if isinstance(v, int)]
            if sizes and counts and sizes[0] * counts[0] > MAX_PRODUCT:
                raise SecurityError(f"a product longer than {MAX_PRODUCT}")
        return super().call_binop(context, operator, left, right)


def make_jinja_env() -> jinja2.Environment:
    """The Jinja environment used for every template: sandboxed, strict, XML-escaping, with
    our filters and no other globals (Jinja's own, such as ``cycler`` and ``lipsum``, are
    objects a template could climb from)."""
    env = DocumentEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # values such as "A & B" must not break the document XML
        finalize=_finalize,
    )
    env.filters["vn_date"] = vn_date
    env.filters["vn_long_date"] = vn_long_date
    env.globals.clear()
    env.globals["place_and_date"] = place_and_date
    return env


def _plain(value: Any, where: str) -> Any:
    """VALUE as plain data (text, numbers, dates, lists and dicts of them); anything else,
    such as a model instance, would hand the template its methods and relations."""
    if value is None or isinstance(value, _PLAIN):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item, where) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item, f"{where}.{key}") for key, item in value.items()}
    raise DocumentContextError(f"{where}: {type(value).__name__} is not plain data")


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
    values = {key: _plain(value, key) for key, value in context.items()}
    if "kind" in values and isinstance(values["kind"], str):
        values["kind"] = unicodedata.normalize("NFC", values["kind"])
    check = _CHECKS.get(name)
    if check is not None:
        check(values)

    template = DocxTemplate(str(path))
    try:
        template.render(values, jinja_env=make_jinja_env(), autoescape=True)
    except SecurityError as exc:
        raise UnsafeTemplateError(f"{name}: placeholder refused by the sandbox: {exc}") from exc
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
