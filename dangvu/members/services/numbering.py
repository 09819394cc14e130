"""Numbers of the lifecycle's documents, from the register of outgoing documents (sổ văn
bản đi) of the committee that issues them on their date (HD 36-HD/VPTW): a number is never
typed, so two decisions never share one and each carries the issuer's symbol of that day."""

import datetime as dt

from django.db import models

from dangvu.documents.models import DocumentKind
from dangvu.documents.register import document_register
from dangvu.members.documents import issuing_committee
from dangvu.organizations.access import User
from dangvu.organizations.models import OrgUnit


def registered_number(*, actor: User, org: OrgUnit, kind: DocumentKind, on: dt.date,
                      summary: str, subject: models.Model,
                      committee: OrgUnit | None = None) -> str:  # fmt: skip
    """The next number of KIND in the register of the committee above ORG on ON (or of
    COMMITTEE: a đảng ủy cơ sở authorised to admit), for the document about SUBJECT;
    inside the caller's transaction, after its scope check."""
    committee = committee or issuing_committee(org, on)
    return document_register(actor=actor, committee=committee, kind=kind, issued_on=on,
                             summary=summary, subject=subject).number  # fmt: skip
