"""Writes to a member's periods out of the Party (thời gian không tham gia sinh hoạt đảng),
which party age leaves out. Those who may change the member record them."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common.audit import audit_record
from dangvu.common.dates import Fact, date_problem
from dangvu.common.events import Event
from dangvu.members import facts, rules
from dangvu.members.models import GapReason, Member, PartyGap
from dangvu.members.services.registry import MemberChangeError, current_cell
from dangvu.organizations.access import User, require
from dangvu.organizations.roles import Action, Resource

_LABELS = {"start_date": gettext_lazy("Từ ngày"), "end_date": gettext_lazy("Đến ngày")}


def _message(code: str, counted_from: dt.date) -> str:
    messages = {
        "END_NOT_AFTER_START": _("Ngày kết thúc phải sau ngày bắt đầu."),
        "BEFORE_ADMISSION": _(
            "Thời gian không tham gia sinh hoạt đảng phải từ ngày quyết định kết nạp "
            "(%(date)s) trở đi."
        )
        % {"date": f"{counted_from:%d/%m/%Y}"},
        "FUTURE": _("Thời gian không tham gia sinh hoạt đảng phải kết thúc không sau hôm nay."),
        "OVERLAPS": _("Trùng với một thời gian không tham gia sinh hoạt đảng đã ghi."),
    }
    return str(messages[code])


def _lock(actor: User, member: Member, today: dt.date) -> Member:
    require(actor, Resource.MEMBER, Action.CHANGE, member=member, on=today)
    return Member.objects.select_for_update().get(pk=member.pk)


@transaction.atomic
def party_gap_add(
    *,
    actor: User,
    member: Member,
    start_date: dt.date,
    end_date: dt.date,
    reason: str,
    detail: str = "",
    today: dt.date,
) -> PartyGap:
    """Record that MEMBER was out of the Party from START_DATE until END_DATE (exclusive,
    the day they were back), for REASON (Quy định 24-QĐ/TW mục 4.5.1). Refused when it does
    not end after it starts, starts before the admission decision, is not over by TODAY,
    or overlaps a period already recorded."""
    locked = _lock(actor, member, today)
    if reason not in GapReason.values:
        raise MemberChangeError({"reason": _("Chọn lý do trong danh sách.")})
    errors: dict[str, list[str]] = {}
    for field, day in (("start_date", start_date), ("end_date", end_date)):
        if problem := date_problem(day, Fact.EVENT, str(_LABELS[field]), today):
            errors[field] = [problem]
    if errors:
        raise MemberChangeError(errors)
    counted_from = facts.party_age_start(
        admission_decision_date=locked.admission_decision_date,
        admission_date=locked.admission_date,
    )
    codes = rules.party_gap_errors(
        start=start_date,
        end=end_date,
        counted_from=counted_from,
        today=today,
        others=locked.party_gaps.values_list("start_date", "end_date"),
    )
    if codes:
        raise MemberChangeError(
            {field: [_message(code, counted_from)] for field, code in codes.items()}
        )
    gap = PartyGap.objects.create(
        member=locked, start_date=start_date, end_date=end_date, reason=reason,
        detail=detail.strip(),
    )  # fmt: skip
    audit_record(
        actor=actor,
        action=Event.PARTY_GAP_ADDED,
        obj=locked,
        org=current_cell(locked),
        data={"from": start_date, "to": end_date, "gap_reason": reason, "detail": gap.detail},
    )
    return gap


@transaction.atomic
def party_gap_remove(*, actor: User, gap: PartyGap, today: dt.date) -> Member:
    """Delete a period out of the Party recorded by mistake; the audit entry keeps it."""
    locked = _lock(actor, gap.member, today)
    removed = PartyGap.objects.filter(pk=gap.pk, member=locked).delete()[0]
    if not removed:
        raise MemberChangeError(_("Thời gian này đã được xóa."))
    audit_record(
        actor=actor,
        action=Event.PARTY_GAP_REMOVED,
        obj=locked,
        org=current_cell(locked),
        data={"from": gap.start_date, "to": gap.end_date, "gap_reason": gap.reason,
              "detail": gap.detail},
    )  # fmt: skip
    return locked
