"""Deadline arithmetic in working days (ngày làm việc) for Vietnam.

Rule: a *ngày làm việc* is Monday–Friday, excluding

* the public holidays of Bộ luật Lao động 2019, Điều 112 (Tết Dương lịch, Tết Âm lịch,
  Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh 2/9 and the adjacent day) and the days off
  in lieu when a holiday falls on a weekend — taken from ``holidays.country_holidays("VN")``,
  which computes the lunar dates and already knows some government swaps;
* the extra days off granted by the government's swaps (hoán đổi ngày làm việc) for public
  servants;

plus the Saturdays that a swap turns into working days (ngày làm bù).

The swap list lives in :mod:`dangvu.common.data.days_off`. It is hand-kept data and MUST be
updated every year once the next year's holiday schedule is announced; the ``holidays``
package should also be upgraded so that the lunar holidays and new statutory days stay right.

Deadlines such as "within 60 working days of the cell's resolution" are computed as
``add_working_days(resolution_date, 60)``: the resolution day itself does not count.

Pure Python; no Django imports.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache

import holidays

from dangvu.common.data.days_off import EXTRA_DAYS_OFF, MAKE_UP_WORKING_DAYS

__all__ = ["WorkingCalendar", "default_calendar"]

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


def _check_date(day: date) -> None:
    # ``datetime`` is a ``date`` subclass but never compares equal to one: refuse it rather
    # than silently treat every holiday as a working day.
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a datetime.date, got {type(day).__name__}")


class WorkingCalendar:
    """Vietnamese public-servant working days; public holidays are cached per year."""

    def __init__(
        self,
        *,
        extra_days_off: Iterable[date] = (),
        make_up_days: Iterable[date] = (),
    ) -> None:
        self._extra_days_off: frozenset[date] = frozenset(extra_days_off)
        self._make_up_days: frozenset[date] = frozenset(make_up_days)
        for day in self._extra_days_off | self._make_up_days:
            _check_date(day)
        overlap = self._extra_days_off & self._make_up_days
        if overlap:
            listed = ", ".join(d.isoformat() for d in sorted(overlap))
            raise ValueError(f"dates are both extra days off and make-up days: {listed}")
        self._holidays_by_year: dict[int, frozenset[date]] = {}
        self._lock = threading.Lock()

    def _public_holidays(self, year: int) -> frozenset[date]:
        cached = self._holidays_by_year.get(year)
        if cached is None:
            with self._lock:
                cached = self._holidays_by_year.get(year)
                if cached is None:
                    cached = frozenset(holidays.country_holidays("VN", years=year).keys())
                    self._holidays_by_year[year] = cached
        return cached

    def is_holiday(self, day: date) -> bool:
        """Public holiday (incl. days in lieu) or an extra day off from a swap."""
        _check_date(day)
        return day in self._extra_days_off or day in self._public_holidays(day.year)

    def is_working_day(self, day: date) -> bool:
        _check_date(day)
        if day in self._make_up_days:
            return True
        return day.weekday() < _SATURDAY and not self.is_holiday(day)

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself is not counted).

        ``n == 0`` returns ``start`` if it is a working day, else the next working day.
        ``deadline = add_working_days(x, N)`` is the last day of "within N working days of x".
        """
        _check_date(start)
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if n == 0:
            return self.next_working_day(start)
        day = start
        remaining = n
        while remaining:
            day += _ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days in the half-open interval ``(start, end]``; 0 if empty."""
        _check_date(start)
        _check_date(end)
        count = 0
        day = start + _ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += _ONE_DAY
        return count


@cache
def default_calendar() -> WorkingCalendar:
    """The shared calendar built from :mod:`dangvu.common.data.days_off`."""
    return WorkingCalendar(
        extra_days_off=(entry[0] for entry in EXTRA_DAYS_OFF),
        make_up_days=(entry[0] for entry in MAKE_UP_WORKING_DAYS),
    )
