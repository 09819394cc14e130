"""Việc đến hạn: every lifecycle deadline that is overdue or due soon, within the user's
scope. Each deadline comes from the lifecycle rule set of the day its count starts from, in
working days of the shared calendar.

Modules above members add their own deadlines at start-up (`due_provider_register`): the
evaluation its rounds' steps. Members sits below them, so they fill its registry and
arrows point one way."""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dangvu.common.dates import OutsideRules
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.common.workdays import default_calendar
from dangvu.members import facts
from dangvu.members.models import (
    AdmissionCase,
    CorrectionRequest,
    LifecycleState,
    Member,
    Transfer,
)
from dangvu.members.rulesets.lifecycle import LIFECYCLE, RECOGNITION_STEPS
from dangvu.members.services.recognition import recognition_pending_step
from dangvu.organizations.access import User, membership_filter, org_filter
from dangvu.organizations.models import Membership, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.selectors import Place, places_on

KINDS: dict[str, Promise] = {
    "BIOGRAPHY_REPLY": _("Nhận trả lời thẩm tra lý lịch"),
    "ADMISSION_DECISION": _("Quyết định kết nạp"),
    "CEREMONY": _("Tổ chức lễ kết nạp"),
    "RECOGNITION_CELL": _("Chi bộ xét công nhận chính thức"),
    "RECOGNITION_REVIEW": _("Đảng ủy bộ phận thẩm định đề nghị công nhận chính thức"),
    "RECOGNITION_GRASSROOTS": _("Đảng ủy cơ sở đề nghị công nhận chính thức"),
    "RECOGNITION_DECISION": _("Quyết định công nhận chính thức"),
    "TRANSFER_LETTER": _("Cấp giấy giới thiệu sinh hoạt"),
    "TRANSFER_ARRIVAL": _("Đảng viên xuất trình giấy giới thiệu"),
    "TEMPORARY_RETURN": _("Trở về sau sinh hoạt tạm thời"),
    "CORRECTION_REQUEST": _("Xem xét yêu cầu điều chỉnh hồ sơ"),
}


# How far ahead the page looks, in calendar days: a week, then a month.
HORIZONS = {"WEEK": 7, "MONTH": 30}
BUCKET_LABELS = {
    "OVERDUE": _("Quá hạn"),
    "WEEK": _("Trong %(days)s ngày"),
    "MONTH": _("Trong %(days)s ngày"),
    "CHECK": _("Ngày ghi nhận ngoài phạm vi, cần kiểm tra"),
}


@dataclass(frozen=True)
class DueItem:
    kind: str
    due: dt.date
    name: str
    url: str
    # OVERDUE, or the first of HORIZONS that reaches the due date; or CHECK: DUE is the
    # recorded date the deadline counts from, outside the rules' range, to be corrected.
    bucket: str
    # The organization the item is about: a member's cell, a case's or a plan's organization.
    org_id: int | None = None
    place: Place | None = None  # that organization and its TCCSĐ (`due_list`)

    @property
    def label(self) -> object:
        return KINDS[self.kind]

    @property
    def bucket_label(self) -> str:
        return str(BUCKET_LABELS[self.bucket]) % {"days": HORIZONS.get(self.bucket)}


def due_bucket(due: dt.date, today: dt.date) -> str | None:
    """OVERDUE from the day after DUE; otherwise the first horizon that reaches it."""
    if due < today:
        return "OVERDUE"
    for bucket, days in HORIZONS.items():
        if due <= today + dt.timedelta(days=days):
            return bucket
    return None


# Kind, due, name, url, to check, and the organization the item is about (a member's
# cell; None when none is).
Found = tuple[str, dt.date, str, str, bool, int | None]

# A provider answers the deadlines USER may see on TODAY that its module knows.
DueProvider = Callable[[User, dt.date], Iterable[Found]]
_PROVIDERS: list[DueProvider] = []


def due_provider_register(kinds: Mapping[str, Promise], provider: DueProvider) -> None:
    """Add PROVIDER's deadlines, whose KINDS it names, to the list."""
    KINDS.update(kinds)
    _PROVIDERS.append(provider)


def _deadline(
    kind: str,
    name: str,
    url: str,
    recorded: dt.date,
    method: str,
    *args: Any,
    org_id: int | None,
    start: Callable[[dt.date], dt.date] | None = None,
) -> Found:
    """KIND's deadline: METHOD of the lifecycle rule set in force on the day the count
    starts from (RECORDED, or START(RECORDED)). When the recorded date lies outside what the
    rule sets and the calendar cover (31/12/9999 typed by mistake), that date, marked to be
    checked: one bad record must not take the list down for the whole committee."""
    try:
        begin = start(recorded) if start else recorded
        due = getattr(rules_for(LIFECYCLE, begin), method)(begin, *args)
        return kind, due, name, url, False, org_id
    except (OutsideRules, NoRuleSet):
        return kind, recorded, name, url, True, org_id


def _corrections(user: User, today: dt.date) -> list[Found]:
    """The open correction requests about members USER may change (the Organization board
    above their cell, its secretary): one query. No regulation sets the time to answer,
    so a request is due from the day it was made."""
    changeable = Membership.objects.as_of(today).filter(
        membership_filter(user, today, action=Action.CHANGE)
    )
    requests = (
        CorrectionRequest.objects.filter(
            status=CorrectionRequest.Status.PENDING, member__memberships__in=changeable
        )
        .annotate(cell_id=F("member__memberships__org_id"))
        .select_related("member")
    )
    return [
        ("CORRECTION_REQUEST", timezone.localtime(request.requested_at).date(),
         f"{request.member.full_name}: {request.get_field_display()}",
         reverse("members:correction_detail", args=[request.pk]), False,
         request.cell_id)
        for request in requests
    ]  # fmt: skip


# The step of a recognition awaited after the cell's resolution, by its field.
_RECOGNITION_STEP_KINDS = {
    RECOGNITION_STEPS.review: "RECOGNITION_REVIEW",
    RECOGNITION_STEPS.grassroots: "RECOGNITION_GRASSROOTS",
}


def _recognition_awaited(member: Member) -> str:
    """The kind of MEMBER's line once the cell has proposed recognition: the step its route
    awaits (the đảng ủy bộ phận's review, the đảng ủy cơ sở's resolution or the decision),
    all due by the decision's deadline, which runs from the cell's resolution (mục 4)."""
    step = recognition_pending_step(member) or RECOGNITION_STEPS.decision
    return _RECOGNITION_STEP_KINDS.get(step, "RECOGNITION_DECISION")


def due_items(*, user: User, today: dt.date) -> list[DueItem]:
    """Overdue items and those due within 30 days, soonest first; before them, those whose
    recorded date is outside the rules' range (bucket CHECK)."""
    calendar = default_calendar()
    found: list[Found] = []
    cases = AdmissionCase.objects.filter(
        org_filter(user, today, resource=Resource.MEMBER, action=Action.VIEW,
                   field_name="cell_id"),
        state__in=[AdmissionCase.State.PROPOSED, AdmissionCase.State.DECIDED],
    )  # fmt: skip
    awaiting_replies = AdmissionCase.objects.filter(
        org_filter(user, today, resource=Resource.MEMBER, action=Action.VIEW,
                   field_name="cell_id"),
        state=AdmissionCase.State.OPEN, biography_check_sent_date__isnull=False,
        biography_check_replied_date__isnull=True,
    )  # fmt: skip
    for case in awaiting_replies:
        assert case.biography_check_sent_date is not None
        url = reverse("members:admission_detail", args=[case.pk])
        found.append(_deadline("BIOGRAPHY_REPLY", case.full_name, url,
                               case.biography_check_sent_date, "biography_reply_due",
                               calendar, org_id=case.cell_id))  # fmt: skip
    for case in cases:
        url = reverse("members:admission_detail", args=[case.pk])
        if case.state == AdmissionCase.State.PROPOSED and (resolved := case.cell_resolution_date):
            found.append(_deadline("ADMISSION_DECISION", case.full_name, url, resolved,
                                   "admission_decision_due", case.decision_extension_days,
                                   calendar, org_id=case.cell_id))  # fmt: skip
        elif decided := case.decision_date:
            found.append(_deadline("CEREMONY", case.full_name, url, decided, "ceremony_due",
                                   calendar, org_id=case.cell_id))  # fmt: skip
    visible = Membership.objects.as_of(today).filter(membership_filter(user, today))
    awaiting_recognition = Member.objects.filter(
        official_date__isnull=True,
        exit_date__isnull=True,
        state__in=[LifecycleState.ACTIVE, LifecycleState.AWAY],
        memberships__in=visible,
    ).annotate(cell_id=F("memberships__org_id"))
    for member in awaiting_recognition:
        url = reverse("members:detail", args=[member.pk])
        cell_id = member.cell_id  # type: ignore[attr-defined]
        if (proposed := member.recognition_proposed_on) is None:
            found.append(_deadline("RECOGNITION_CELL", member.full_name, url,
                                   member.admission_date, "recognition_cell_due", calendar,
                                   start=facts.official_date, org_id=cell_id))  # fmt: skip
        else:
            found.append(_deadline(_recognition_awaited(member), member.full_name, url,
                                   proposed, "recognition_decision_due", calendar,
                                   org_id=cell_id))  # fmt: skip
    transfers = (
        Transfer.objects.filter(
            state__in=[Transfer.State.IN_TRANSIT, Transfer.State.AWAY],
            member__memberships__in=visible,
        )
        .annotate(cell_id=F("member__memberships__org_id"))
        .select_related("member")
    )
    for transfer in transfers:
        url = reverse("members:detail", args=[transfer.member_id])
        name = transfer.member.full_name
        cell_id = transfer.cell_id
        if transfer.state == Transfer.State.AWAY and transfer.expected_return_date:
            found.append(("TEMPORARY_RETURN", transfer.expected_return_date, name, url, False,
                          cell_id))  # fmt: skip
        elif (letter := transfer.letter_date) is None:
            found.append(_deadline("TRANSFER_LETTER", name, url, transfer.decision_date,
                                   "transfer_letter_due", calendar, org_id=cell_id))  # fmt: skip
        else:
            found.append(_deadline("TRANSFER_ARRIVAL", name, url, letter, "transfer_present_due",
                                   calendar, org_id=cell_id))  # fmt: skip
    found.extend(_corrections(user, today))
    for provider in _PROVIDERS:
        found.extend(provider(user, today))
    items = [
        DueItem(kind, due, name, url, bucket, org_id)
        for kind, due, name, url, to_check, org_id in found
        if (bucket := "CHECK" if to_check else due_bucket(due, today)) is not None
    ]
    return sorted(items, key=lambda item: (item.bucket != "CHECK", item.due, item.name))


def due_list(
    *, user: User, today: dt.date, kind: str = "", org: OrgUnit | None = None
) -> list[DueItem]:
    """`due_items` of KIND (all when empty) about organizations under ORG as the tree stands
    TODAY, each with its organization and that organization's TCCSĐ (two more queries)."""
    items = [item for item in due_items(user=user, today=today) if not kind or item.kind == kind]
    places = places_on({item.org_id for item in items if item.org_id is not None}, today)
    under = None
    if org is not None:
        top = OrgVersion.objects.as_of(today).filter(org=org).first()
        under = top.path if top is not None else f"/{org.pk}/"  # gone: nothing under it
    shown = []
    for item in items:
        place = places.get(item.org_id) if item.org_id is not None else None
        if under is not None and (place is None or not place.org.path.startswith(under)):
            continue
        shown.append(replace(item, place=place))
    return shown
