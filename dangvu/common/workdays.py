"""Deadline arithmetic in working days (ngày làm việc) for Vietnam's public servants.

Rule: a *ngày làm việc* is Monday–Friday, excluding the public holidays of Bộ luật Lao động
2019, Điều 112 (Tết Dương lịch, Tết Âm lịch, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh 2/9
and the adjacent day), the days in lieu when a holiday falls on a weekend, and the days off
of the government's swaps (hoán đổi ngày làm việc); the Saturdays a swap turns into working
days (ngày làm bù) count.

The ``holidays`` package's Vietnam calendar (``holidays.country_holidays("VN")``) knows all
of this for the years it covers, lunar dates and swaps included, and counts working days
itself. :mod:`dangvu.common.data.days_off` adds only the swaps it does not know yet; update
that file, or upgrade the package, every year once the next year's schedule is announced.

Deadlines such as "within 60 working days of the cell's resolution" are
``add_working_days(resolution_date, 60)``: the resolution day itself does not count.

Pure Python; no Django imports.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache

import holidays
from holidays.countries.vietnam import Vietnam

from dangvu.common.data.days_off import EXTRA_DAYS_OFF, MAKE_UP_WORKING_DAYS
from dangvu.common.dates import outside_rules

__all__ = ["WorkingCalendar", "default_calendar"]

_ONE_DAY = timedelta(days=1)


# The years ``holidays`` knows Vietnam's lunar holidays for: outside them Tết would be
# missing and every deadline silently wrong, so the calendar refuses them.
FIRST_DAY = date(Vietnam.start_year, 1, 1)
LAST_DAY = date(Vietnam.end_year, 12, 31)


def _check_date(day: date) -> None:
    # ``datetime`` is a ``date`` subclass that the package would accept and truncate: refuse
    # it, as a caller passing one has mixed up instants and days.
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a datetime.date, got {type(day).__name__}")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise outside_rules(day, FIRST_DAY, LAST_DAY)


class WorkingCalendar:
    """The package's Vietnam calendar, plus the swaps it lacks (EXTRA_DAYS_OFF, MAKE_UP_DAYS).
    The package fills years lazily, so every read holds a lock."""

    def __init__(
        self, *, extra_days_off: Iterable[date] = (), make_up_days: Iterable[date] = ()
    ) -> None:
        days_off, make_up = frozenset(extra_days_off), frozenset(make_up_days)
        for day in days_off | make_up:
            _check_date(day)
        overlap = days_off & make_up
        if overlap:
            listed = ", ".join(d.isoformat() for d in sorted(overlap))
            raise ValueError(f"dates are both extra days off and make-up days: {listed}")
        self._calendar = holidays.country_holidays("VN")
        self._calendar.update(dict.fromkeys(days_off, "Ngày nghỉ (hoán đổi)"))
        self._calendar.weekend_workdays.update(make_up)
        self._lock = threading.Lock()

    def is_working_day(self, day: date) -> bool:
        _check_date(day)
        with self._lock:
            return self._calendar.is_working_day(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself is not counted).

        ``n == 0`` returns ``start`` if it is a working day, else the next working day.
        ``deadline = add_working_days(x, N)`` is the last day of "within N working days of x".
        """
        _check_date(start)
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        with self._lock:
            day: date = self._calendar.get_nth_working_day(start, n)
        _check_date(day)  # a count that runs past the years the calendar knows
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days in the half-open interval ``(start, end]``; 0 if empty."""
        _check_date(start)
        _check_date(end)
        if end <= start:
            return 0
        with self._lock:
            return self._calendar.get_working_days_count(start + _ONE_DAY, end)


@cache
def default_calendar() -> WorkingCalendar:
    """The shared calendar: the package's, plus :mod:`dangvu.common.data.days_off`."""
    return WorkingCalendar(
        extra_days_off=(entry[0] for entry in EXTRA_DAYS_OFF),
        make_up_days=(entry[0] for entry in MAKE_UP_WORKING_DAYS),
    )
