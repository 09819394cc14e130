"""Printing: render a document and log who printed what, in one transaction."""

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction

from dangvu.common.audit import Actor, audit_record
from dangvu.documents.render import DOCUMENTS, render_document


@transaction.atomic
def documents_log_print(*, actor: Actor, name: str, subject: models.Model,
                        org: models.Model | None, context: Mapping[str, Any]) -> bytes:  # fmt: skip
    """The DOCX of document NAME about SUBJECT; the print is audited (who, what, when,
    how many records)."""
    data = render_document(name, context)
    audit_record(actor=actor, action="documents.printed", obj=subject, org=org,
                 data={"document": name, "title": DOCUMENTS[name], "rows": 1})  # fmt: skip
    return data
