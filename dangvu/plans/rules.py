"""Pure rules of plans: a target's status as of a date, a task's status, and the share of
cells that held their monthly meetings. Values in, values out; no database, no clock."""

import datetime as dt
import math
from collections import Counter
from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetStatus(models.TextChoices):
    PENDING = "PENDING", _("Chưa có số liệu")
    ON_TRACK = "ON_TRACK", _("Đúng tiến độ")
    AT_RISK = "AT_RISK", _("Có nguy cơ không đạt")
    MET = "MET", _("Đạt")
    EXCEEDED = "EXCEEDED", _("Vượt")
    MISSED = "MISSED", _("Không đạt")


class TaskStatus(models.TextChoices):
    OPEN = "OPEN", _("Đang thực hiện")
    OVERDUE = "OVERDUE", _("Quá hạn")
    DONE = "DONE", _("Hoàn thành")
    EXCEEDED = "EXCEEDED", _("Hoàn thành vượt mức")
    NOT_DONE = "NOT_DONE", _("Không hoàn thành")


def year_elapsed(year: int, as_of: dt.date) -> Fraction:
    """The share of YEAR gone by the end of AS_OF: 0 before it starts, 1 after it ends."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if as_of < start:
        return Fraction(0)
    if as_of >= end:
        return Fraction(1)
    return Fraction((as_of - start).days + 1, (end - start).days + 1)


def target_status(
    *,
    actual: Decimal | None,
    goal: Decimal,
    year: int,
    as_of: dt.date,
    cumulative: bool,
    tolerance: Fraction,
) -> TargetStatus:
    """A target's status on AS_OF. Reached: MET, or EXCEEDED above the goal. From the
    year's last day an unreached target is MISSED. During the year a CUMULATIVE value (a
    count that grows, like admissions) is ON_TRACK while it keeps up with the goal prorated
    to the share of the year gone, less TOLERANCE of it, rounded down; a share (rated
    HTTNV, meetings held) is compared with the goal itself, less TOLERANCE. No value yet (a
    round not decided): PENDING."""
    if actual is None:
        return TargetStatus.PENDING
    if actual > goal:
        return TargetStatus.EXCEEDED
    if actual == goal:
        return TargetStatus.MET
    if as_of >= dt.date(year, 12, 31):
        return TargetStatus.MISSED
    if cumulative:
        # A count is whole: it keeps up while it reaches the whole part of what is due.
        expected = Fraction(
            math.floor(Fraction(goal) * year_elapsed(year, as_of) * (1 - tolerance))
        )
    else:
        expected = Fraction(goal) * (1 - tolerance)
    return TargetStatus.ON_TRACK if Fraction(actual) >= expected else TargetStatus.AT_RISK


def task_status(
    *, result: str, deadline: dt.date, as_of: dt.date, closed_on: dt.date | None
) -> TaskStatus:
    """A task's status on AS_OF: its recorded RESULT once closed by then; before that OPEN,
    or OVERDUE from the day after its DEADLINE."""
    if result and closed_on is not None and closed_on <= as_of:
        return TaskStatus(result)
    return TaskStatus.OVERDUE if deadline < as_of else TaskStatus.OPEN


def done_on_time(status: TaskStatus, deadline: dt.date, closed_on: dt.date | None) -> bool:
    """Whether a task counts as done for the evaluation: DONE or EXCEEDED, closed by its
    DEADLINE. Quy định 366-QĐ/TW and HD 43-HD/BTCTW ask for tasks done "đúng tiến độ"; one
    done late is a task behind schedule, not a task done."""
    return (
        status in (TaskStatus.DONE, TaskStatus.EXCEEDED)
        and closed_on is not None
        and closed_on <= deadline
    )


def months_held(meeting_dates: list[dt.date], year: int, through: int, *, at_least: int) -> int:
    """How many of the months 1..THROUGH of YEAR have at least AT_LEAST of MEETING_DATES
    (a cell's regular meetings, which the Charter asks for once a month)."""
    per_month = Counter(d.month for d in meeting_dates if d.year == year and d.month <= through)
    return sum(1 for n in per_month.values() if n >= at_least)
