"""Printing documents (audited) and replacing their templates (checked, then audited)."""

import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.numbers import grouped
from dangvu.common.uploads import MB
from dangvu.documents.models import DocumentTemplate
from dangvu.documents.render import (
    DOCUMENTS,
    DocumentError,
    UnsafeTemplateError,
    render_document,
    template_path_for,
)
from dangvu.documents.report_frame import render_report
from dangvu.documents.samples import sample_context
from dangvu.organizations.access import User, require
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource

# The templates that are a report's frame: their body is written in code where the marker
# paragraph stands (`report_frame.py`), so an upload must keep the marker.
REPORT_FRAMES = frozenset({"annual_report"})


def current_template(name: str) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(name=name).order_by("-uploaded_at", "-id").first()


@contextmanager
def template_file(name: str) -> Iterator[Path]:
    """The template in use for NAME as a local file: the newest upload, or the default."""
    uploaded = current_template(name)
    if uploaded is None:
        yield template_path_for(name)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.docx"
        with uploaded.file.open("rb") as source:
            path.write_bytes(source.read())
        yield path


@transaction.atomic
def documents_log_print(*, actor: User, name: str, subject: models.Model,
                        org: OrgUnit | None, context: Mapping[str, Any],
                        resource: str = Resource.MEMBER, rows: int = 1) -> bytes:  # fmt: skip
    """The DOCX of document NAME about SUBJECT, a member (or a case of ORG, or a record of
    RESOURCE at ORG); the print is audited (who, what, when, how many records: ROWS)."""
    if org is not None:
        require(actor, resource, Action.VIEW, org=org)
    else:
        require(actor, resource, Action.VIEW, member=subject)
    with template_file(name) as path:
        data = render_document(name, context, template_path=path)
    audit_record(actor=actor, action=Event.DOCUMENT_PRINTED, obj=subject, org=org,
                 data={"document": name, "title": DOCUMENTS[name], "rows": rows})  # fmt: skip
    return data


def _check_package(path: Path) -> None:
    """A Word file, and not one that unpacks to more than the limit (the renderer would
    hold all of it in memory)."""
    if not zipfile.is_zipfile(path):
        raise ValidationError({"file": _("Tệp không phải văn bản Word (.docx).")})
    with zipfile.ZipFile(path) as package:
        parts = package.infolist()
    if "word/document.xml" not in {part.filename for part in parts}:
        raise ValidationError({"file": _("Tệp không phải văn bản Word (.docx).")})
    limit = settings.DOCUMENT_TEMPLATE_MAX_UNPACKED_MB * MB
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limit:
        message = _("Tệp giải nén ra %(size)s MB, quá giới hạn %(limit)s MB của một mẫu.")
        values = {"size": grouped(-(-unpacked // MB)), "limit": grouped(limit // MB)}
        raise ValidationError({"file": message % values})


@transaction.atomic
def document_template_upload(*, actor: User, name: str, upload: UploadedFile) -> DocumentTemplate:
    """Put a staff member's Word file in use for NAME, once it renders the sample record
    without error, so a broken template is refused now and not at the next print."""
    require(actor, Resource.SETTINGS, Action.CHANGE)
    if name not in DOCUMENTS:
        raise ValidationError({"name": _("Không có văn bản này.")})
    data = upload.read()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.docx"
        path.write_bytes(data)
        _check_package(path)
        try:
            render_document(name, sample_context(name), template_path=path)
            if name in REPORT_FRAMES:
                render_report(sample_context(name), lambda document: None, template_path=path)
        except UnsafeTemplateError:
            raise ValidationError(
                {
                    "file": _(
                        "Mẫu bị từ chối: có chỗ điền truy cập vào thành phần nội bộ của "
                        "hệ thống. Chỉ dùng các trường của văn bản, ví dụ {{ member.full_name }}."
                    )
                }
            ) from None
        except DocumentError as error:
            raise ValidationError(
                {"file": _("Mẫu không dùng được: %(error)s") % {"error": error}}
            ) from None
    upload.seek(0)
    template = DocumentTemplate(
        name=name, uploaded_by_id=getattr(actor, "pk", None), file_name=upload.name or ""
    )
    template.file.save(f"{name}.docx", upload, save=True)
    audit_record(actor=actor, action=Event.TEMPLATE_UPLOADED, obj=template,
                 about=str(DOCUMENTS[name]), data={"document": name, "title": DOCUMENTS[name],
                                                   "size": len(data)})  # fmt: skip
    return template
