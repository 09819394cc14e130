"""Yêu cầu điều chỉnh hồ sơ: a member asks, those who may change the record decide.

A request is made by the member themselves (their own record, through their member role)
or by staff who may change the record; it is accepted or rejected by those who may change
the record (the Organization board of a committee above the cell, the cell's secretary).
Accepting edits the record through `member_update`, so the registry's rules, its version
check and its audit entry apply; that edit is reverted like any other (Hoàn tác on the
record). A decision itself is not reverted: the member may ask again."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.audit import audit_record
from dangvu.common.dates import parse_date
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.common.text import fold, nfc, text_problem
from dangvu.members.models import CORRECTABLE_FIELDS, CorrectionRequest, Member
from dangvu.members.services.registry import (
    MemberChangeError,
    current_cell,
    member_problems,
    member_update,
)
from dangvu.organizations.access import User, require, user_scope
from dangvu.organizations.roles import Action, Resource

Status = CorrectionRequest.Status


def _field(name: str) -> models.Field[Any, Any]:
    field = Member._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def field_label(name: str) -> str:
    return str(capfirst(_field(name).verbose_name))


def stored_text(name: str, value: Any) -> str:
    """A record's value of field NAME as a request keeps it: a date as yyyy-mm-dd, a choice
    by its code, nothing as empty."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def value_shown(name: str, text: str) -> str:
    """A kept value as people read it: a date as dd/mm/yyyy, a choice by its label."""
    if not text:
        return ""
    field = _field(name)
    if isinstance(field, models.DateField):
        day = parse_date(text)
        return f"{day:%d/%m/%Y}" if day else text
    if field.choices:
        return str(dict(field.flatchoices).get(text, text))
    return text


def _value(name: str, text: str) -> Any:
    """The record's value for the kept TEXT of field NAME."""
    field = _field(name)
    if isinstance(field, models.DateField):
        return parse_date(text)
    if not text and field.null:
        return None
    return text


def _parsed(name: str, raw: str) -> str:
    """What the member typed for field NAME, checked for its form and kept as text: a date
    as dd/mm/yyyy, a choice by its label (or code). Raises MemberChangeError on it."""
    field, label = _field(name), field_label(name)
    raw = nfc(raw.strip())
    if problem := text_problem(raw, label):
        raise MemberChangeError({"proposed_value": [problem]})
    if isinstance(field, models.DateField):
        day = parse_date(raw)
        if day is None:
            raise MemberChangeError(
                {
                    "proposed_value": [
                        _("%(label)s phải là ngày dạng dd/mm/yyyy.") % {"label": label}
                    ]
                }
            )
        return day.isoformat()
    if field.choices:
        wanted = fold(raw)
        for code, shown in field.flatchoices:
            if code and wanted in (fold(str(code)), fold(str(shown))):
                return str(code)
        options = ", ".join(str(shown) for code, shown in field.flatchoices if code)
        raise MemberChangeError(
            {"proposed_value": [_("Chọn một trong: %(options)s.") % {"options": options}]}
        )
    try:
        field.clean((raw or None) if field.null else raw, None)
    except ValidationError as invalid:
        raise MemberChangeError({"proposed_value": invalid.messages}) from None
    return raw


def _may_request(actor: User, member: Member, today: dt.date) -> None:
    """The member asks about their own record; anyone else must be able to change it."""
    if member.pk in user_scope(actor, Resource.MEMBER, Action.VIEW).member_ids:
        return
    require(actor, Resource.MEMBER, Action.CHANGE, member=member, on=today)


def _facts(request: CorrectionRequest) -> dict[str, Any]:
    return {
        "correction_field": request.field,
        "current_value": value_shown(request.field, request.current_value),
        "proposed_value": value_shown(request.field, request.proposed_value),
    }


def _about(request: CorrectionRequest, member: Member) -> str:
    return f"{member.full_name}: {field_label(request.field)}"


@transaction.atomic
def correction_request_submit(
    *, actor: User, member: Member, field: str, proposed_value: str, reason: str, today: dt.date
) -> CorrectionRequest:
    """Ask for FIELD of MEMBER's record to read PROPOSED_VALUE, for REASON. Refused for a
    field that is not asked about this way, a value of the wrong form or one the registry's
    rules refuse, a value the record already holds, and a second open request about the
    same field."""
    _may_request(actor, member, today)
    if field not in CORRECTABLE_FIELDS:
        raise MemberChangeError({"field": [_("Chọn mục cần điều chỉnh trong danh sách.")]})
    reason = nfc(reason.strip())
    if not reason:
        raise MemberChangeError({"reason": [_("Nêu lý do, căn cứ của yêu cầu.")]})
    if problem := text_problem(reason, _("Lý do")):
        raise MemberChangeError({"reason": [problem]})
    locked = Member.objects.select_for_update().get(pk=member.pk)
    proposed = _parsed(field, proposed_value)
    current = stored_text(field, getattr(locked, field))
    if proposed == current:
        raise MemberChangeError({"proposed_value": [_("Hồ sơ đang ghi đúng giá trị này.")]})
    problems = member_problems({**vars(locked), field: _value(field, proposed)}, today)
    if field in problems:
        raise MemberChangeError({"proposed_value": problems[field]})
    if locked.corrections.filter(field=field, status=Status.PENDING).exists():
        raise MemberChangeError(
            {"field": [_("Mục này đã có một yêu cầu điều chỉnh đang chờ xem xét.")]}
        )
    request = CorrectionRequest.objects.create(
        member=locked, requested_by_id=getattr(actor, "pk", None), field=field,
        current_value=current, proposed_value=proposed, reason=reason,
    )  # fmt: skip
    audit_record(
        actor=actor,
        action=Event.CORRECTION_REQUESTED,
        obj=request,
        org=current_cell(locked),
        about=_about(request, locked),
        data=_facts(request),
        reason=reason,
    )
    return request


def _pending(request: CorrectionRequest) -> CorrectionRequest:
    locked = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != Status.PENDING:
        raise MemberChangeError(_("Yêu cầu này đã được xem xét."))
    return locked


def _decide(request: CorrectionRequest, actor: User, status: str, reason: str) -> None:
    request.status = status
    request.decided_by_id = getattr(actor, "pk", None)
    request.decided_at = clock.now()
    request.decision_reason = reason
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])


@transaction.atomic
def correction_request_accept(
    *, actor: User, request: CorrectionRequest, today: dt.date, reason: str = ""
) -> CorrectionRequest:
    """Accept REQUEST: the record's field takes the value asked for, through
    `member_update` (its rules and audit), and the request is closed. Refused when the
    value no longer passes the registry's rules (say so to the member by rejecting it)."""
    locked = _pending(request)
    require(actor, Resource.MEMBER, Action.CHANGE, member=locked.member, on=today)
    reason = nfc(reason.strip())
    if problem := text_problem(reason, _("Ý kiến xem xét")):
        raise MemberChangeError({"decision_reason": [problem]})
    member = Member.objects.select_for_update().get(pk=locked.member_id)
    before = member.version
    try:
        member = member_update(
            actor=actor,
            member=member,
            version=member.version,
            values={locked.field: _value(locked.field, locked.proposed_value)},
            today=today,
            reason=_("Theo yêu cầu điều chỉnh hồ sơ #%(id)s") % {"id": locked.pk},
        )
    except MemberChangeError as refused:
        raise MemberChangeError(
            _(
                "Không thể sửa %(field)s thành “%(value)s”: %(problems)s Hãy từ chối yêu cầu "
                "và nêu lý do."
            )
            % {
                "field": field_label(locked.field).lower(),
                "value": value_shown(locked.field, locked.proposed_value),
                "problems": " ".join(refused.messages),
            }
        ) from None
    edit = None
    if member.version != before:
        edit = (
            AuditEntry.objects.filter(
                action=Event.UPDATED, object_type="members.member", object_id=member.pk
            )
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
    _decide(locked, actor, Status.ACCEPTED, reason)
    audit_record(
        actor=actor,
        action=Event.CORRECTION_ACCEPTED,
        obj=locked,
        org=current_cell(member),
        about=_about(locked, member),
        data={**_facts(locked), "member_edit": edit},
        reason=reason,
    )
    return locked


@transaction.atomic
def correction_request_reject(
    *, actor: User, request: CorrectionRequest, reason: str, today: dt.date
) -> CorrectionRequest:
    """Reject REQUEST for REASON (required: the member reads it)."""
    locked = _pending(request)
    require(actor, Resource.MEMBER, Action.CHANGE, member=locked.member, on=today)
    reason = nfc(reason.strip())
    if not reason:
        raise MemberChangeError({"decision_reason": [_("Nêu lý do từ chối.")]})
    if problem := text_problem(reason, _("Lý do từ chối")):
        raise MemberChangeError({"decision_reason": [problem]})
    member = locked.member
    _decide(locked, actor, Status.REJECTED, reason)
    audit_record(
        actor=actor,
        action=Event.CORRECTION_REJECTED,
        obj=locked,
        org=current_cell(member),
        about=_about(locked, member),
        data=_facts(locked),
        reason=reason,
    )
    return locked
