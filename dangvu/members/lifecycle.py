"""Pure rules of the member lifecycle: the one table of state transitions, what an
admission case needs before the cell may resolve, and every deadline in working days.

Deadlines take a working-day calendar (`common.workdays.WorkingCalendar`) as an input, so
these functions stay free of the database and the clock.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from dangvu.members.models.registry import LifecycleState as S
from dangvu.members.rules import add_months, age_in_months, lifecycle_rules_for


class Calendar(Protocol):
    def add_working_days(self, start: dt.date, n: int) -> dt.date: ...


# One table: action → (states it may start from, state it leads to; None keeps the state).
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "edit": (frozenset({S.ACTIVE, S.IN_TRANSIT, S.AWAY, S.EXITED}), None),
    "recognize": (frozenset({S.ACTIVE, S.AWAY}), None),
    "not_recognized": (frozenset({S.ACTIVE, S.AWAY}), S.EXITED),
    "move": (frozenset({S.ACTIVE}), None),
    "transfer_start": (frozenset({S.ACTIVE}), S.IN_TRANSIT),
    "transfer_letter": (frozenset({S.IN_TRANSIT}), None),
    "transfer_arrive": (frozenset({S.IN_TRANSIT}), S.ACTIVE),
    "transfer_leave": (frozenset({S.IN_TRANSIT}), S.EXITED),
    "transfer_cancel": (frozenset({S.IN_TRANSIT}), S.ACTIVE),
    "temporary_leave": (frozenset({S.ACTIVE}), S.AWAY),
    "temporary_return": (frozenset({S.AWAY}), S.ACTIVE),
    "exempt": (frozenset({S.ACTIVE}), None),
    "award_badge": (frozenset({S.ACTIVE, S.AWAY, S.EXITED}), None),
    "remove": (frozenset({S.ACTIVE, S.AWAY}), S.EXITED),
    "expel": (frozenset({S.ACTIVE, S.AWAY, S.IN_TRANSIT}), S.EXITED),
    "die": (frozenset({S.ACTIVE, S.AWAY, S.IN_TRANSIT}), S.EXITED),
}

ACTION_LABELS: dict[str, object] = {
    "edit": _("sửa hồ sơ"),
    "recognize": _("công nhận đảng viên chính thức"),
    "not_recognized": _("ghi nhận không công nhận chính thức"),
    "move": _("chuyển chi bộ"),
    "transfer_start": _("chuyển sinh hoạt đảng"),
    "transfer_letter": _("cấp giấy giới thiệu sinh hoạt đảng"),
    "transfer_arrive": _("tiếp nhận sinh hoạt"),
    "transfer_leave": _("hoàn tất chuyển đi"),
    "transfer_cancel": _("hủy chuyển sinh hoạt"),
    "temporary_leave": _("chuyển sinh hoạt tạm thời"),
    "temporary_return": _("trở về sinh hoạt"),
    "exempt": _("miễn công tác và sinh hoạt"),
    "award_badge": _("trao Huy hiệu Đảng"),
    "remove": _("xóa tên"),
    "expel": _("khai trừ"),
    "die": _("ghi nhận từ trần"),
}
STATE_SENTENCES: dict[str, object] = {
    S.ACTIVE: _("Đảng viên đang sinh hoạt"),
    S.IN_TRANSIT: _("Đảng viên đang chuyển sinh hoạt"),
    S.AWAY: _("Đảng viên đang sinh hoạt tạm thời nơi khác"),
    S.EXITED: _("Đảng viên đã ra khỏi danh sách"),
}


class IllegalTransition(Exception):
    def __init__(self, state: str, action: str) -> None:
        self.state, self.action = state, action
        super().__init__(
            _("%(state)s, không thể %(action)s.")
            % {"state": STATE_SENTENCES[state], "action": ACTION_LABELS[action]}
        )


def next_state(state: str, action: str) -> str:
    """The state ACTION leads to from STATE, or IllegalTransition with the reason."""
    allowed, target = TRANSITIONS[action]
    if state not in allowed:
        raise IllegalTransition(state, action)
    return target or state


@dataclass(frozen=True)
class CandidateFacts:
    """What the cell checks before resolving to admit (forms 1-KNĐ to 5-KNĐ)."""

    birth_date: dt.date
    awareness_class_date: dt.date | None
    application_date: dt.date | None
    biography_verified_date: dt.date | None
    youth_union_resolution_date: dt.date | None
    official_introducers: int  # how many introducers are official members on that day
    introducers_months_together: int | None
    mass_org_comments_date: dt.date | None
    age_exception_authority: str


def admission_problems(facts: CandidateFacts, on: dt.date) -> list[str]:
    """Codes of what stops the cell from resolving on ON (Quy định 232/294 mục 3–4):
    the age window counted in months, a certificate under 5 years old, the application,
    the verified biography, the introducers (two official members, or the Youth Union's
    resolution and one), who worked with the candidate ≥ 12 months, and the comments."""
    rules = lifecycle_rules_for(on)
    problems = []
    age = age_in_months(facts.birth_date, on)
    if age < rules.min_age_months:
        problems.append("UNDER_AGE")
    elif age > rules.max_age_months and not facts.age_exception_authority.strip():
        problems.append("OVER_AGE")
    if facts.awareness_class_date is None:
        problems.append("NO_AWARENESS_CLASS")
    elif add_months(facts.awareness_class_date, 12 * rules.awareness_certificate_years) < on:
        problems.append("AWARENESS_CLASS_EXPIRED")
    if facts.application_date is None:
        problems.append("NO_APPLICATION")
    if facts.biography_verified_date is None:
        problems.append("BIOGRAPHY_NOT_VERIFIED")
    needed = 1 if facts.youth_union_resolution_date else 2
    if facts.official_introducers < needed:
        problems.append("INTRODUCERS")
    elif (facts.introducers_months_together or 0) < rules.introducer_months:
        problems.append("INTRODUCERS_TOO_RECENT")
    if facts.mass_org_comments_date is None:
        problems.append("NO_COMMENTS")
    return problems


def admission_decision_due(
    cell_resolution: dt.date, extension_days: int, calendar: Calendar
) -> dt.date:
    """The committee decides within 60 working days of the cell's resolution, extended
    once by at most 30 (Quy định 232/294 mục 4)."""
    rules = lifecycle_rules_for(cell_resolution)
    if not 0 <= extension_days <= rules.decision_extension_days:
        raise ValueError(f"extension must be 0–{rules.decision_extension_days} working days")
    return calendar.add_working_days(
        cell_resolution, rules.admission_decision_days + extension_days
    )


def ceremony_due(decision: dt.date, calendar: Calendar) -> dt.date:
    """The ceremony is held within 30 working days of the decision."""
    return calendar.add_working_days(decision, lifecycle_rules_for(decision).ceremony_days)


def probation_end(ceremony: dt.date) -> dt.date:
    """Probation lasts 12 months from the ceremony; the member is official on this day."""
    return add_months(ceremony, lifecycle_rules_for(ceremony).probation_months)


def recognition_cell_due(ceremony: dt.date, calendar: Calendar) -> dt.date:
    """The cell considers recognition within 30 working days after probation ends."""
    end = probation_end(ceremony)
    return calendar.add_working_days(end, lifecycle_rules_for(end).recognition_cell_days)


def recognition_decision_due(cell_resolution: dt.date, calendar: Calendar) -> dt.date:
    """The committee decides on recognition within 30 working days of the cell."""
    rules = lifecycle_rules_for(cell_resolution)
    return calendar.add_working_days(cell_resolution, rules.recognition_decision_days)


def transfer_letter_due(decision: dt.date, calendar: Calendar) -> dt.date:
    """Official transfer: the paperwork is done within 60 working days of the decision."""
    rules = lifecycle_rules_for(decision)
    return calendar.add_working_days(decision, rules.transfer_paperwork_days)


def transfer_present_due(letter: dt.date, calendar: Calendar) -> dt.date:
    """The member presents the transfer letter within 30 working days."""
    return calendar.add_working_days(letter, lifecycle_rules_for(letter).transfer_present_days)


def temporary_period_problem(kind: str, start: dt.date, expected_return: dt.date) -> str | None:
    """Temporary transfers last 3 months to under 1 year for work, 3 months to 2 years for
    study (Quy định 232/294 mục 6). None when the planned period fits."""
    rules = lifecycle_rules_for(start)
    low, high = (
        rules.temporary_study_months if kind == "TEMPORARY_STUDY" else (rules.temporary_work_months)
    )
    if expected_return < add_months(start, low):
        return "TOO_SHORT"
    over = (
        expected_return > add_months(start, high)
        if kind == "TEMPORARY_STUDY"
        else (expected_return >= add_months(start, high))
    )
    return "TOO_LONG" if over else None


# Admission cases have their own small machine: action → (from states, to state).
ADMISSION_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "update": (frozenset({"OPEN"}), "OPEN"),
    "propose": (frozenset({"OPEN"}), "PROPOSED"),
    "decide": (frozenset({"PROPOSED"}), "DECIDED"),
    "ceremony": (frozenset({"DECIDED"}), "ADMITTED"),
    "close": (frozenset({"OPEN", "PROPOSED", "DECIDED"}), "CLOSED"),
}
ADMISSION_PROBLEMS = {
    "UNDER_AGE": _("Người xin vào Đảng chưa đủ 18 tuổi (tính theo tháng) vào ngày chi bộ xét."),
    "OVER_AGE": _("Người xin vào Đảng đã quá 60 tuổi; cần văn bản của cấp có thẩm quyền."),
    "NO_AWARENESS_CLASS": _("Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng."),
    "AWARENESS_CLASS_EXPIRED": _("Giấy chứng nhận lớp nhận thức về Đảng đã quá 5 năm."),
    "NO_APPLICATION": _("Chưa có đơn xin vào Đảng."),
    "BIOGRAPHY_NOT_VERIFIED": _("Lý lịch chưa được thẩm tra, xác minh."),
    "INTRODUCERS": _(
        "Cần hai đảng viên chính thức giới thiệu, hoặc nghị quyết của Đoàn và một đảng viên."
    ),
    "INTRODUCERS_TOO_RECENT": _("Người giới thiệu phải cùng công tác ít nhất 12 tháng."),
    "NO_COMMENTS": _("Chưa có ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú."),
}


def admission_next_state(state: str, action: str) -> str:
    allowed, target = ADMISSION_TRANSITIONS[action]
    if state not in allowed:
        raise ValueError(f"{action} from {state}")
    return target
