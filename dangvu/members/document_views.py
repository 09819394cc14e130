"""The lifecycle's printed documents: one route, the document's NAME and the record it is
about (a case, a member, or for the member list an organization), as DOCX, or as PDF with
``?format=pdf``. Printing personal data is logged in the audit trail."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.documents.pdf import PdfConversionError, docx_to_pdf
from dangvu.documents.render import DocumentError
from dangvu.documents.services import documents_log_print
from dangvu.members import documents as docs
from dangvu.members.models import Member
from dangvu.members.selectors import (
    MemberFilter,
    admission_case_get_for_user,
    member_cells,
    member_get_for_user,
    member_list,
)
from dangvu.organizations.access import User, org_in_scope
from dangvu.organizations.decorators import requires
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Printable:
    """What a document prints (CONTEXT), the record it is about (SUBJECT), the organization
    whose right to read is checked again on printing (ORG, none for a member: their own
    scope), and how many members it shows (ROWS, for the audit)."""

    context: dict[str, object]
    subject: Model
    org: OrgUnit | None
    rows: int = 1


def _admission_decision(user: User, pk: int, today: dt.date) -> Printable:
    case = admission_case_get_for_user(user=user, pk=pk, today=today)
    return Printable(docs.admission_decision_context(case), case, case.cell)


def _on_member(build: Callable[..., dict[str, object]]) -> Callable[..., Printable]:
    def source(user: User, pk: int, today: dt.date) -> Printable:
        member = member_get_for_user(user=user, pk=pk, as_of=today)
        return Printable(build(member, today), member, None)

    return source


def _transfer_letter(member: Member, today: dt.date) -> dict[str, object]:
    """The letter of the member's latest transfer."""
    transfer = member.transfers.exclude(letter_date=None).order_by("-letter_date").first()
    if transfer is None:
        raise docs.DocumentNotReady
    return docs.transfer_letter_context(transfer)


def _member_list(user: User, pk: int, today: dt.date) -> Printable:
    org = OrgUnit.objects.filter(pk=pk).first()
    if org is None or not org_in_scope(user, Resource.MEMBER, Action.VIEW, pk, today):
        raise Http404
    listed = member_list(user=user, filters=MemberFilter(as_of=today, org=org))
    members = list(listed.select_related("hometown_province", "hometown_ward"))
    context = docs.member_list_context(org, today, members, member_cells(members, today))
    return Printable(context, org, org, rows=len(members))


SOURCES: dict[str, Callable[[User, int, dt.date], Printable]] = {
    "admission_decision": _admission_decision,
    "recognition_decision": _on_member(lambda m, today: docs.recognition_decision_context(m)),
    "transfer_letter": _on_member(_transfer_letter),
    "removal_decision": _on_member(lambda m, today: docs.removal_decision_context(m)),
    "member_sheet": _on_member(docs.member_sheet_context),
    "member_list": _member_list,
}


# Where a refused print sends the user back to: the record the document is about.
BACK = {"admission_decision": "members:admission_detail", "member_list": "members:list"}


def _back(name: str, pk: int) -> HttpResponse:
    page = BACK.get(name, "members:detail")
    return redirect(page) if name == "member_list" else redirect(page, pk)


@requires(Resource.MEMBER, Action.VIEW)
def document(request: HttpRequest, name: str, pk: int) -> HttpResponse:
    """Document NAME about record PK, as DOCX or (``?format=pdf``) PDF; a document whose
    data is incomplete sends the user back to the record with what is missing."""
    source = SOURCES.get(name)
    if source is None:
        raise Http404
    pdf = request.GET.get("format") == "pdf"
    try:
        printable = source(request.user, pk, clock.today())
    except docs.DocumentNotReady as missing:
        if not str(missing):
            raise Http404 from None
        messages.error(request, str(missing))
        return _back(name, pk)
    try:
        data = documents_log_print(actor=request.user, name=name, subject=printable.subject,
                                   org=printable.org, context=printable.context,
                                   rows=printable.rows)  # fmt: skip
        if pdf:
            data = docx_to_pdf(data)
    except DocumentError:
        # A template in use that no longer renders (one uploaded before the sandbox).
        messages.error(request, _("Mẫu văn bản đang dùng bị lỗi; quản trị hệ thống cần tải lên "
                                  "mẫu khác."))  # fmt: skip
        return _back(name, pk)
    except PdfConversionError:
        messages.error(request, _("Chưa chuyển được văn bản sang PDF; hãy tải bản DOCX."))
        return _back(name, pk)
    extension, content_type = ("pdf", "application/pdf") if pdf else ("docx", DOCX)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}-{pk}.{extension}"'
    return response
