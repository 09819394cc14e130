"""Việc đến hạn: every lifecycle deadline that is overdue or due soon, within the user's
scope. Each deadline comes from the lifecycle rule set of the day its count starts from, in
working days of the shared calendar."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.common.rulesets import rules_for
from dangvu.common.workdays import default_calendar
from dangvu.members import facts
from dangvu.members.models import AdmissionCase, LifecycleState, Member, Transfer
from dangvu.members.rulesets.lifecycle import LIFECYCLE
from dangvu.organizations.access import User, membership_filter, org_filter
from dangvu.organizations.models import Membership
from dangvu.organizations.roles import Action, Resource

KINDS = {
    "ADMISSION_DECISION": _("Quyết định kết nạp"),
    "CEREMONY": _("Tổ chức lễ kết nạp"),
    "RECOGNITION_CELL": _("Chi bộ xét công nhận chính thức"),
    "RECOGNITION_DECISION": _("Quyết định công nhận chính thức"),
    "TRANSFER_LETTER": _("Cấp giấy giới thiệu sinh hoạt"),
    "TRANSFER_ARRIVAL": _("Đảng viên xuất trình giấy giới thiệu"),
    "TEMPORARY_RETURN": _("Trở về sau sinh hoạt tạm thời"),
}


# How far ahead the page looks, in calendar days: a week, then a month.
HORIZONS = {"WEEK": 7, "MONTH": 30}
BUCKET_LABELS = {
    "OVERDUE": _("Quá hạn"),
    "WEEK": _("Trong %(days)s ngày"),
    "MONTH": _("Trong %(days)s ngày"),
}


@dataclass(frozen=True)
class DueItem:
    kind: str
    due: dt.date
    name: str
    url: str
    bucket: str  # OVERDUE, or the first of HORIZONS that reaches the due date

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


def due_items(*, user: User, today: dt.date) -> list[DueItem]:
    """Overdue items and those due within 30 days, soonest first."""
    calendar = default_calendar()
    found: list[tuple[str, dt.date, str, str]] = []
    cases = AdmissionCase.objects.filter(
        org_filter(user, today, resource=Resource.MEMBER, action=Action.VIEW,
                   field_name="cell_id"),
        state__in=[AdmissionCase.State.PROPOSED, AdmissionCase.State.DECIDED],
    )  # fmt: skip
    for case in cases:
        url = reverse("members:admission_detail", args=[case.pk])
        if case.state == AdmissionCase.State.PROPOSED and case.cell_resolution_date:
            resolved = case.cell_resolution_date
            due = rules_for(LIFECYCLE, resolved).admission_decision_due(
                resolved, case.decision_extension_days, calendar
            )
            found.append(("ADMISSION_DECISION", due, case.full_name, url))
        elif case.decision_date:
            due = rules_for(LIFECYCLE, case.decision_date).ceremony_due(
                case.decision_date, calendar
            )
            found.append(("CEREMONY", due, case.full_name, url))
    visible = membership_filter(user, today)
    awaiting_recognition = Member.objects.filter(
        official_date__isnull=True,
        exit_date__isnull=True,
        state__in=[LifecycleState.ACTIVE, LifecycleState.AWAY],
        memberships__in=Membership.objects.as_of(today).filter(visible),
    )
    for member in awaiting_recognition:
        url = reverse("members:detail", args=[member.pk])
        if member.recognition_proposed_on is None:
            end = facts.official_date(member.admission_date)
            due = rules_for(LIFECYCLE, end).recognition_cell_due(end, calendar)
            found.append(("RECOGNITION_CELL", due, member.full_name, url))
        else:
            proposed = member.recognition_proposed_on
            due = rules_for(LIFECYCLE, proposed).recognition_decision_due(proposed, calendar)
            found.append(("RECOGNITION_DECISION", due, member.full_name, url))
    transfers = Transfer.objects.filter(
        state__in=[Transfer.State.IN_TRANSIT, Transfer.State.AWAY],
        member__memberships__in=Membership.objects.as_of(today).filter(visible),
    ).select_related("member")
    for transfer in transfers:
        url = reverse("members:detail", args=[transfer.member_id])
        name = transfer.member.full_name
        if transfer.state == Transfer.State.AWAY and transfer.expected_return_date:
            found.append(("TEMPORARY_RETURN", transfer.expected_return_date, name, url))
        elif transfer.letter_date is None:
            decided = transfer.decision_date
            due = rules_for(LIFECYCLE, decided).transfer_letter_due(decided, calendar)
            found.append(("TRANSFER_LETTER", due, name, url))
        else:
            letter = transfer.letter_date
            due = rules_for(LIFECYCLE, letter).transfer_present_due(letter, calendar)
            found.append(("TRANSFER_ARRIVAL", due, name, url))
    items = [
        DueItem(kind, due, name, url, bucket)
        for kind, due, name, url in found
        if (bucket := due_bucket(due, today)) is not None
    ]
    return sorted(items, key=lambda item: (item.due, item.name))
