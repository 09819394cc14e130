"""The member lifecycle's state machines: the one table of a member's transitions and the
admission case's. What each step requires, its deadlines and its numbers are the lifecycle
rule set's of the step's date (`members.rulesets.lifecycle`).
"""

from django.utils.translation import gettext_lazy as _

from dangvu.members.models.registry import LifecycleState as S

# One table: action → (states it may start from, state it leads to; None keeps the state).
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "edit": (frozenset({S.ACTIVE, S.IN_TRANSIT, S.AWAY, S.EXITED}), None),
    "recognize": (frozenset({S.ACTIVE, S.AWAY}), None),
    "not_recognized": (frozenset({S.ACTIVE, S.AWAY}), S.EXITED),
    "move": (frozenset({S.ACTIVE}), None),
    "transfer_start": (frozenset({S.ACTIVE}), S.IN_TRANSIT),
    # A temporary transfer gets its letter too (giấy giới thiệu sinh hoạt đảng tạm thời).
    "transfer_letter": (frozenset({S.IN_TRANSIT, S.AWAY}), None),
    "transfer_arrive": (frozenset({S.IN_TRANSIT}), S.ACTIVE),
    "transfer_leave": (frozenset({S.IN_TRANSIT}), S.EXITED),
    "transfer_cancel": (frozenset({S.IN_TRANSIT}), S.ACTIVE),
    "temporary_leave": (frozenset({S.ACTIVE}), S.AWAY),
    "temporary_return": (frozenset({S.AWAY}), S.ACTIVE),
    "exempt": (frozenset({S.ACTIVE}), None),
    "award_badge": (frozenset({S.ACTIVE, S.AWAY, S.EXITED}), None),
    # The usual case of a member in transit: the letter is never presented (mục 6.3).
    "remove": (frozenset({S.ACTIVE, S.AWAY, S.IN_TRANSIT}), S.EXITED),
    "expel": (frozenset({S.ACTIVE, S.AWAY, S.IN_TRANSIT}), S.EXITED),
    "die": (frozenset({S.ACTIVE, S.AWAY, S.IN_TRANSIT}), S.EXITED),
    # An expulsion annulled or lightened on appeal (the service checks the exit's reason).
    "reinstate": (frozenset({S.EXITED}), S.ACTIVE),
}

ACTION_LABELS: dict[str, object] = {
    "edit": _("sửa hồ sơ"),
    "recognize": _("công nhận đảng viên chính thức"),
    "not_recognized": _("xóa tên trong danh sách đảng viên dự bị"),
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
    "reinstate": _("phục hồi sau khi xóa bỏ, thay đổi quyết định khai trừ"),
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


# Admission cases have their own small machine: action → (from states, to state).
ADMISSION_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "update": (frozenset({"OPEN"}), "OPEN"),
    "propose": (frozenset({"OPEN"}), "PROPOSED"),
    "review": (frozenset({"PROPOSED"}), "PROPOSED"),
    "grassroots": (frozenset({"PROPOSED"}), "PROPOSED"),
    "decide": (frozenset({"PROPOSED"}), "DECIDED"),
    "ceremony": (frozenset({"DECIDED"}), "ADMITTED"),
    "close": (frozenset({"OPEN", "PROPOSED", "DECIDED"}), "CLOSED"),
}


def admission_next_state(state: str, action: str) -> str:
    allowed, target = ADMISSION_TRANSITIONS[action]
    if state not in allowed:
        raise ValueError(f"{action} from {state}")
    return target
