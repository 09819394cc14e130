"""Sổ văn bản đi: each committee numbers its documents from 1 per kind within a cấp ủy
term (`documents/terms.py`), and the number printed is "<n>-<kind>/<committee>"
("12-QĐ/ĐUK", HD 36-HD/VPTW). Two users who issue at once get two numbers: they take turns
on the committee's register."""

import datetime as dt
from collections.abc import Callable

from django.db import models, transaction
from django.db.models import Max, QuerySet

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.documents.models import DocumentKind, OutgoingDocument
from dangvu.documents.signers import signer_on
from dangvu.documents.terms import Term, committee_term
from dangvu.organizations.access import User, org_filter
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource

# The page of a document's subject, by its model's label: filled at start-up by the apps
# whose records documents are about (the register sits below them).
SUBJECT_PAGES: dict[str, Callable[[int], str]] = {}


def document_number(sequence: int, kind: str, symbol: str) -> str:
    """ "12-QĐ/ĐUK": the sequence, the kind's symbol and the issuer's (HD 36-HD/VPTW)."""
    return f"{sequence}-{kind}/{symbol}"


def _next(committee: OrgUnit, kind: str, term: Term) -> int:
    """The number after every number of KIND the committee gave within TERM, those given
    before the register numbered by term (their runs were years) included."""
    taken = OutgoingDocument.objects.filter(committee=committee, kind=kind,
                                            issued_on__gte=term.start)  # fmt: skip
    if term.end is not None:
        taken = taken.filter(issued_on__lt=term.end)
    return (taken.aggregate(last=Max("sequence"))["last"] or 0) + 1


@transaction.atomic
def document_register(*, actor: User, committee: OrgUnit, kind: DocumentKind,
                      issued_on: dt.date, summary: str,
                      subject: models.Model) -> OutgoingDocument:  # fmt: skip
    """Enter in COMMITTEE's register the next number of KIND in ISSUED_ON's term, for the
    document about SUBJECT, signed by the committee's signer of that day. Runs inside the
    caller's transaction (its write and the number stand or fall together), once the caller
    has checked that ACTOR may issue that document: numbering adds no right of its own."""
    signature = signer_on(committee, issued_on)
    # Issuers of one committee take turns: the committee's row is locked on PostgreSQL,
    # and SQLite's transactions take the write lock as they begin (IMMEDIATE), so there
    # the lock would be a plain read. The unique number stays as the guard.
    if transaction.get_connection().features.has_select_for_update:
        OrgUnit.objects.select_for_update().filter(pk=committee.pk).first()
    term = committee_term(committee, issued_on)
    sequence = _next(committee, kind, term)
    entry = OutgoingDocument.objects.create(
        committee=committee, kind=kind, year=issued_on.year, term_start=term.start,
        sequence=sequence,
        number=document_number(sequence, kind, signature.symbol),
        issued_on=issued_on, summary=summary[:255], signer_name=signature.name,
        subject_type=subject._meta.label_lower, subject_id=subject.pk,
        registered_by_id=getattr(actor, "pk", None),
    )  # fmt: skip
    audit_record(actor=actor, action=Event.DOCUMENT_REGISTERED, obj=entry, org=committee,
                 about=entry.number, data={"number": entry.number, "on": issued_on,
                                           "title": summary[:255]})  # fmt: skip
    return entry


def register_visible_to(user: User, year: int) -> QuerySet[OutgoingDocument]:
    """The register's entries of YEAR whose committee USER may see, newest number first."""
    scope = org_filter(user, dt.date(year, 12, 31), resource=Resource.DOCUMENTS,
                       action=Action.VIEW, field_name="committee_id")  # fmt: skip
    return (
        OutgoingDocument.objects.filter(scope, year=year)
        .select_related("committee")
        .prefetch_related("committee__versions")  # the committee's name on each row
        .order_by("committee__code", "kind", "-term_start", "-sequence", "-pk")
    )


def subject_page(entry: OutgoingDocument) -> str:
    page = SUBJECT_PAGES.get(entry.subject_type)
    return page(entry.subject_id) if page else ""
