"""Việc đến hạn: every lifecycle deadline that is overdue or due soon, within the user's
scope. Dates come from the pure rules in `members.lifecycle` and the working-day calendar."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.common.workdays import default_calendar
from dangvu.members import lifecycle
from dangvu.members.models import AdmissionCase, LifecycleState, Member, Transfer
from dangvu.members.rules import add_months
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


@dataclass(frozen=True)
class DueItem:
    kind: str
    due: dt.date
    name: str
    url: str
    bucket: str  # OVERDUE, WEEK (within 7 days), MONTH (within 30 days)

    @property
    def label(self) -> object:
        return KINDS[self.kind]


def _bucket(due: dt.date, today: dt.date) -> str | None:
    if due < today:
        return "OVERDUE"
    if due <= today + dt.timedelta(days=7):
        return "WEEK"
    if due <= today + dt.timedelta(days=30):
        return "MONTH"
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
            due = lifecycle.admission_decision_due(
                case.cell_resolution_date, case.decision_extension_days, calendar
            )
            found.append(("ADMISSION_DECISION", due, case.full_name, url))
        elif case.decision_date:
            found.append(("CEREMONY", lifecycle.ceremony_due(case.decision_date, calendar),
                          case.full_name, url))  # fmt: skip
    # Probation ends 12 months after the ceremony; look a little past the 30-day horizon,
    # since the cell then has 30 working days.
    latest_admission = add_months(today + dt.timedelta(days=31), -12)
    visible = membership_filter(user, today)
    probationary = Member.objects.filter(
        official_date__isnull=True,
        exit_date__isnull=True,
        state__in=[LifecycleState.ACTIVE, LifecycleState.AWAY],
        admission_date__lte=latest_admission,
        memberships__in=Membership.objects.as_of(today).filter(visible),
    )
    for member in probationary:
        url = reverse("members:detail", args=[member.pk])
        if member.recognition_proposed_on is None:
            due = lifecycle.recognition_cell_due(member.admission_date, calendar)
            found.append(("RECOGNITION_CELL", due, member.full_name, url))
        else:
            due = lifecycle.recognition_decision_due(member.recognition_proposed_on, calendar)
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
            found.append(("TRANSFER_LETTER",
                          lifecycle.transfer_letter_due(transfer.decision_date, calendar),
                          name, url))  # fmt: skip
        else:
            found.append(("TRANSFER_ARRIVAL",
                          lifecycle.transfer_present_due(transfer.letter_date, calendar),
                          name, url))  # fmt: skip
    items = [
        DueItem(kind, due, name, url, bucket)
        for kind, due, name, url in found
        if (bucket := _bucket(due, today)) is not None
    ]
    return sorted(items, key=lambda item: (item.due, item.name))
