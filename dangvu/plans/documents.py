"""The documents of a conference or a cell meeting, in the Party format and from the
editable templates of `documents` (HD 36-HD/VPTW): the invitation (giấy mời, numbered "GM"
in the organization's register by `services.meeting_invite`), the attendance list (danh
sách tham dự) and the minutes (biên bản) with the conclusions; the two last carry no
number. A document whose data is missing is not printed: `MeetingNotReady` says what."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from dangvu.documents.issuers import issuer_context
from dangvu.documents.pdf import docx_to_pdf
from dangvu.documents.services import documents_log_print
from dangvu.organizations.access import User
from dangvu.organizations.models import OrgVersion
from dangvu.organizations.roles import Resource
from dangvu.organizations.selectors import org_version_on
from dangvu.plans.models import Attendance, Guest, Meeting

INVITATION, ATTENDANCE, MINUTES = "invitation", "attendance", "minutes"
DOCUMENTS = {INVITATION: "meeting_invitation", ATTENDANCE: "meeting_attendance",
             MINUTES: "meeting_minutes"}  # fmt: skip
FILE_NAMES = {INVITATION: "giay-moi", ATTENDANCE: "danh-sach-tham-du", MINUTES: "bien-ban"}
FORMATS = ("docx", "pdf")


class MeetingNotReady(Exception):
    """The meeting lacks what the document prints; the message names it."""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _guest(guest: Guest) -> dict[str, str]:
    status = Attendance.Status(guest.status).label if guest.status else ""
    return {"name": guest.name, "title": guest.title, "status": str(status),
            "reason": guest.reason}  # fmt: skip


def _member(row: Attendance) -> dict[str, str]:
    return {"name": row.member.full_name, "title": _("Đảng viên"),
            "status": str(row.get_status_display()), "reason": row.reason}  # fmt: skip


def meeting_context(meeting: Meeting, attendance: Sequence[Attendance]) -> dict[str, Any]:
    """What the three documents print: the issuer (the meeting's organization, under the
    one above it on the day), the meeting, the invited and the cell's members."""
    version = org_version_on(meeting.org, meeting.held_on)
    name = version.name if version is not None else meeting.org.code
    context = issuer_context(meeting.org, name, meeting.invitation_on or meeting.held_on,
                             meeting.invitation_number)  # fmt: skip
    if version is not None and version.parent_id is not None:
        above = OrgVersion.objects.as_of(meeting.held_on).filter(org_id=version.parent_id)
        if (parent := above.first()) is not None:
            context["superior_name"] = parent.name
    context["recipients"] = [_("Như trên"), _("Lưu %(org)s") % {"org": context["issuer_name"]}]
    guests = [_guest(g) for g in meeting.guests.order_by("position", "id")]
    members = [_member(row) for row in attendance]
    rows = [*guests, *members]
    present = str(Attendance.Status.PRESENT.label)
    return context | {
        "meeting": {
            "title": meeting.title,
            "held_on": meeting.held_on,
            "place": meeting.place,
            "chair": meeting.chair,
            "secretary": meeting.secretary,
            "agenda": _lines(meeting.agenda),
            "conclusions": _lines(meeting.conclusions),
        },
        "invited": guests,
        "guests": guests,
        "members": members,
        "absent": [row for row in members if row["status"] != present],
        "present": sum(1 for row in members if row["status"] == present),
        "rows": rows,
        "rows_present": sum(1 for row in rows if row["status"] == present),
    }


def _missing(meeting: Meeting, document: str, context: dict[str, Any]) -> list[str]:
    missing = []
    if document == INVITATION:
        if not meeting.invitation_number:
            missing.append(_("số giấy mời (cấp số trước khi in)"))
        if not context["invited"]:
            missing.append(_("khách mời, đại biểu"))
        if not context["signer_name"]:
            missing.append(_("người ký của %(issuer)s") % {"issuer": context["issuer_name"]})
    else:
        if not meeting.chair:
            missing.append(_("người chủ trì"))
        if not meeting.secretary:
            missing.append(_("thư ký"))
    if document == ATTENDANCE and not context["rows"]:
        missing.append(_("người dự họp"))
    return missing


def meeting_print(*, actor: User, meeting: Meeting, attendance: Sequence[Attendance],
                  document: str, fmt: str) -> tuple[bytes, str]:  # fmt: skip
    """DOCUMENT of MEETING as DOCX or PDF, with its file name; the print is audited. Only
    those who read the meeting's organization's plans print it."""
    if document not in DOCUMENTS or fmt not in FORMATS:
        raise ValueError(f"unknown document {document}.{fmt}")
    context = meeting_context(meeting, attendance)
    if document != INVITATION:  # the record of the meeting is dated on its day
        context["issue_date"] = meeting.held_on
    if missing := _missing(meeting, document, context):
        raise MeetingNotReady(
            _("Chưa in được văn bản: còn thiếu %(missing)s.") % {"missing": ", ".join(missing)}
        )
    data = documents_log_print(actor=actor, name=DOCUMENTS[document], subject=meeting,
                               org=meeting.org, context=context, resource=Resource.PLANS,
                               rows=len(context["rows"]))  # fmt: skip
    if fmt == "pdf":
        data = docx_to_pdf(data)
    return data, f"{FILE_NAMES[document]}-{meeting.pk}.{fmt}"
