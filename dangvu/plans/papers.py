"""A meeting's papers (tài liệu hội nghị): added and taken away by those who may change
the meeting, each change audited. A paper taken away stays stored, marked removed."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.text import text_problems
from dangvu.organizations.access import User, require
from dangvu.plans.models import Meeting, MeetingPaper
from dangvu.plans.services import CHANGE, PLANS, PlanError

# More papers than any conference hands out; a bound on what one meeting may hold.
MAX_PAPERS = 100


@transaction.atomic
def meeting_paper_add(
    *, actor: User, meeting: Meeting, title: str, upload: UploadedFile
) -> MeetingPaper:
    """Add UPLOAD to MEETING's papers under TITLE (the file's name when blank)."""
    require(actor, PLANS, CHANGE, org=meeting.org, on=meeting.held_on)
    name = (upload.name or "").strip()[:255]
    title = (title.strip() or name)[:300]
    if problems := text_problems(title=(title, _("Tên tài liệu"))):
        raise PlanError(problems)
    if not title:
        raise PlanError({"title": _("Ghi tên tài liệu.")})
    if meeting.papers.filter(removed=False).count() >= MAX_PAPERS:
        raise PlanError(
            _("Hội nghị đã có %(count)s tài liệu, là số tối đa.") % {"count": MAX_PAPERS}
        )
    paper = MeetingPaper.objects.create(
        meeting=meeting, title=title, file=upload, file_name=name,
        added_by_id=getattr(actor, "pk", None),
    )  # fmt: skip
    audit_record(actor=actor, action=Event.MEETING_PAPER_ADDED, obj=meeting, org=meeting.org,
                 about=title, data={"title": title, "file": name})  # fmt: skip
    return paper


@transaction.atomic
def meeting_paper_remove(*, actor: User, paper: MeetingPaper) -> MeetingPaper:
    """Take PAPER off its meeting's papers; the file stays stored."""
    meeting = paper.meeting
    require(actor, PLANS, CHANGE, org=meeting.org, on=meeting.held_on)
    paper = MeetingPaper.objects.select_for_update().get(pk=paper.pk)
    if paper.removed:
        raise PlanError(_("Tài liệu này đã được gỡ."))
    paper.removed = True
    paper.save(update_fields=["removed"])
    facts = {"title": paper.title, "file": paper.file_name}
    audit_record(actor=actor, action=Event.MEETING_PAPER_REMOVED, obj=meeting, org=meeting.org,
                 about=paper.title, data=facts)  # fmt: skip
    return paper
