"""Writes of the annual report's narrative sections: each save a new version, an older
version restored as a new one, a section marked draft or final, a comment. Each service
checks the actor's REPORTS right at the committee (its Office and Propaganda board),
applies the text policy, saves and audits in one transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.text import nfc, text_problem
from dangvu.organizations.access import User, require
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource
from dangvu.reports.model import paragraphs
from dangvu.reports.models import Narrative, NarrativeComment, NarrativeVersion, Section

FIRST_YEAR, LAST_YEAR = 1930, 2100
MAX_TEXT = 20_000  # a section is a few pages, not a book
MAX_COMMENT = 2_000


class NarrativeError(ValidationError):
    """A narrative write the rules refuse."""


def _text(value: str, field: str, label: str, limit: int) -> str:
    """VALUE as stored: each line NFC with its spaces collapsed, paragraphs one line each."""
    text = "\n".join(paragraphs("\n".join(nfc(line) for line in value.splitlines())))
    if problem := text_problem(text, label):
        raise NarrativeError({field: problem})
    if not text:
        raise NarrativeError({field: _("Nhập %(label)s.") % {"label": label.lower()}})
    if len(text) > limit:
        raise NarrativeError(
            {field: _("%(label)s dài quá %(n)s ký tự.") % {"label": label, "n": f"{limit:,}"
                                                            .replace(",", ".")}}
        )  # fmt: skip
    return text


def _require(actor: User, committee: OrgUnit, year: int) -> None:
    """ACTOR writes the report of COMMITTEE as it stood at the end of YEAR."""
    require(actor, Resource.REPORTS, Action.CHANGE, org=committee, on=dt.date(year, 12, 31))


def _locked(narrative: Narrative, version: int | None) -> None:
    if version is not None and version != narrative.version:
        raise NarrativeError(
            _("Phần này vừa được người khác ghi; hãy tải lại trang để xem bản mới rồi sửa tiếp.")
        )


def _narrative(committee: OrgUnit, year: int, section: str) -> Narrative:
    if section not in Section.values:
        raise NarrativeError({"section": _("Không có phần báo cáo này.")})
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NarrativeError({"year": _("Năm báo cáo không hợp lệ.")})
    narrative, _created = Narrative.objects.select_for_update().get_or_create(
        committee=committee, year=year, section=section
    )
    return narrative


def _new_version(actor: User, narrative: Narrative, text: str,
                 restored_from: int | None = None) -> NarrativeVersion:  # fmt: skip
    narrative.version += 1
    narrative.status = Narrative.Status.DRAFT  # a changed text is read again before final
    narrative.save(update_fields=["version", "status"])
    return NarrativeVersion.objects.create(
        narrative=narrative, number=narrative.version, text=text, restored_from=restored_from,
        written_by_id=getattr(actor, "pk", None), written_at=clock.now(),
    )  # fmt: skip


def _latest(narrative: Narrative) -> NarrativeVersion | None:
    return narrative.versions.order_by("-number").first()


@transaction.atomic
def narrative_save(*, actor: User, committee: OrgUnit, year: int, section: str, text: str,
                   version: int | None) -> NarrativeVersion:  # fmt: skip
    """A new version of SECTION of COMMITTEE's report of YEAR holding TEXT; VERSION is the
    count of versions the writer saw (None: no check). A text equal to the latest one
    records nothing. A final section becomes a draft again."""
    _require(actor, committee, year)
    text = _text(text, "text", _("Nội dung"), MAX_TEXT)
    narrative = _narrative(committee, year, section)
    _locked(narrative, version)
    latest = _latest(narrative)
    if latest is not None and latest.text == text:
        return latest
    saved = _new_version(actor, narrative, text)
    audit_record(actor=actor, action=Event.NARRATIVE_SAVED, obj=narrative, org=committee,
                 data={"report_year": year, "section": section, "text_version": saved.number,
                       "size": len(text)})  # fmt: skip
    return saved


@transaction.atomic
def narrative_restore(*, actor: User, narrative: Narrative, number: int,
                      version: int | None) -> NarrativeVersion:  # fmt: skip
    """Put back the text of NARRATIVE's version NUMBER, as a new version."""
    _require(actor, narrative.committee, narrative.year)
    narrative = Narrative.objects.select_for_update().get(pk=narrative.pk)
    _locked(narrative, version)
    old = narrative.versions.filter(number=number).first()
    if old is None:
        raise NarrativeError({"number": _("Không có phiên bản này.")})
    latest = _latest(narrative)
    if latest is not None and latest.number == number:
        raise NarrativeError({"number": _("Đây đã là phiên bản đang dùng.")})
    restored = _new_version(actor, narrative, old.text, restored_from=number)
    audit_record(actor=actor, action=Event.NARRATIVE_RESTORED, obj=narrative,
                 org=narrative.committee,
                 data={"report_year": narrative.year, "section": narrative.section,
                       "text_version": restored.number, "restored_from": number})  # fmt: skip
    return restored


@transaction.atomic
def narrative_mark(*, actor: User, narrative: Narrative, status: str,
                   version: int | None) -> Narrative:  # fmt: skip
    """Mark NARRATIVE a draft or final; a section with no text cannot be final."""
    _require(actor, narrative.committee, narrative.year)
    narrative = Narrative.objects.select_for_update().get(pk=narrative.pk)
    _locked(narrative, version)
    if status not in Narrative.Status.values:
        raise NarrativeError({"status": _("Tình trạng không hợp lệ.")})
    if status == Narrative.Status.FINAL and not narrative.version:
        raise NarrativeError({"status": _("Phần này chưa có nội dung để hoàn chỉnh.")})
    if status == narrative.status:
        return narrative
    before = narrative.status
    narrative.status = status
    narrative.save(update_fields=["status"])
    audit_record(actor=actor, action=Event.NARRATIVE_STATUS, obj=narrative,
                 org=narrative.committee, changes={"status": [before, status]},
                 data={"report_year": narrative.year, "section": narrative.section})  # fmt: skip
    return narrative


@transaction.atomic
def narrative_comment(*, actor: User, committee: OrgUnit, year: int, section: str,
                      text: str) -> NarrativeComment:  # fmt: skip
    """ACTOR's comment on SECTION of COMMITTEE's report of YEAR."""
    _require(actor, committee, year)
    text = _text(text, "text", _("Ý kiến"), MAX_COMMENT)
    narrative = _narrative(committee, year, section)
    comment = NarrativeComment.objects.create(
        narrative=narrative, author_id=getattr(actor, "pk", None), written_at=clock.now(),
        text=text,
    )  # fmt: skip
    audit_record(actor=actor, action=Event.NARRATIVE_COMMENTED, obj=narrative, org=committee,
                 data={"report_year": year, "section": section, "size": len(text)})  # fmt: skip
    return comment
