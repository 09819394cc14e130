"""Facts derived from a member's dates, each defined once: in Python for rules, services
and documents, and, next to it, as the ORM expression queries use (models, selectors,
statistics, deadlines). Never stored twice.

- Official date: the exact end of probation after the admission ceremony (Điều lệ Điều 5;
  Quy định 232/294 mục 4), however late the decision.
- Status on a date: exited from the exit date; official from the official date recorded
  by the recognition decision; probationary from the admission date.
- Party age (tuổi đảng) counts from the admission decision's date; records without it
  count from the ceremony ("ngày vào Đảng"). The periods out of the Party (`PartyGap`:
  xóa tên, khai trừ, mất liên lạc, gián đoạn do chuyển sinh hoạt) do not count, and a
  re-admitted member counts from the first admission (Quy định 24-QĐ/TW mục 4.5).
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, CharField, DateField, F, Q, TextChoices, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from dangvu.common.rulesets import rules_for
from dangvu.members.rulesets.lifecycle import LIFECYCLE


class Status(TextChoices):
    """A member's status on a given date (`status_on`)."""

    PROBATIONARY = "PROBATIONARY", _("Dự bị")
    OFFICIAL = "OFFICIAL", _("Chính thức")
    EXITED = "EXITED", _("Đã ra khỏi danh sách")


def official_date(admission_date: dt.date) -> dt.date:
    """The day a member admitted on ADMISSION_DATE becomes official: the end of probation
    under the rules in force at the ceremony."""
    return rules_for(LIFECYCLE, admission_date).probation_end(admission_date)


def status_on(
    *,
    admission_date: dt.date,
    official_date: dt.date | None,
    exit_date: dt.date | None,
    on: dt.date,
) -> str | None:
    """The member's status on ON, or None before admission."""
    if exit_date is not None and exit_date <= on:
        return Status.EXITED
    if official_date is not None and official_date <= on:
        return Status.OFFICIAL
    if admission_date <= on:
        return Status.PROBATIONARY
    return None


def _exited(on: dt.date, prefix: str) -> Q:
    return Q(**{f"{prefix}exit_date__lte": on})


def official_on(on: dt.date, prefix: str = "") -> Q:
    """Members whose `status_on` ON is OFFICIAL; PREFIX reaches them from a related model
    ("member__")."""
    return ~_exited(on, prefix) & Q(**{f"{prefix}official_date__lte": on})


def probationary_on(on: dt.date, prefix: str = "") -> Q:
    """Members whose `status_on` ON is PROBATIONARY."""
    return (
        ~_exited(on, prefix)
        & ~Q(**{f"{prefix}official_date__lte": on})
        & Q(**{f"{prefix}admission_date__lte": on})
    )


def on_roll(on: dt.date, prefix: str = "") -> Q:
    """Members whose `status_on` ON is OFFICIAL or PROBATIONARY."""
    return ~_exited(on, prefix) & Q(**{f"{prefix}admission_date__lte": on})


def status_expression(on: dt.date, prefix: str = "") -> Case:
    """`status_on` ON as an SQL expression (NULL before admission)."""
    return Case(
        When(_exited(on, prefix), then=Value(Status.EXITED)),
        When(Q(**{f"{prefix}official_date__lte": on}), then=Value(Status.OFFICIAL)),
        When(Q(**{f"{prefix}admission_date__lte": on}), then=Value(Status.PROBATIONARY)),
        default=Value(None),
        output_field=CharField(),
    )


def party_age_start(*, admission_decision_date: dt.date | None, admission_date: dt.date) -> dt.date:
    """The day party age counts from: the admission decision's date, or the ceremony's
    when the decision's is not recorded."""
    return admission_decision_date or admission_date


def party_age_start_expression(prefix: str = "") -> Coalesce:
    """`party_age_start` as an SQL expression."""
    return Coalesce(
        F(f"{prefix}admission_decision_date"),
        F(f"{prefix}admission_date"),
        output_field=DateField(),
    )


Period = tuple[dt.date, dt.date]  # [start, end): the end day counts again


def gap_days(gaps: Iterable[Period], *, start: dt.date, on: dt.date) -> int:
    """The days of GAPS (non-overlapping periods out of the Party) between START and ON."""
    return sum(max(0, (min(end, on) - max(begin, start)).days) for begin, end in gaps)


def party_age_counted_from(start: dt.date, gaps: Iterable[Period], on: dt.date) -> dt.date:
    """The day party age on ON would have started from without interruptions: START moved
    later by the days out of the Party before ON, so that calendar time from it to ON is
    the member's party age (Quy định 24-QĐ/TW mục 4.5.1, 4.5.2)."""
    return start + dt.timedelta(days=gap_days(gaps, start=start, on=on))


def party_age_days(start: dt.date, gaps: Iterable[Period], on: dt.date) -> int:
    """Party age on ON in days: calendar days since START less the days out of the Party."""
    return max(0, (on - party_age_counted_from(start, gaps, on)).days)
