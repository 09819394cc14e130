from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.common.data.days_off import EXTRA_DAYS_OFF, MAKE_UP_WORKING_DAYS
from dangvu.common.dates import OutsideRules
from dangvu.common.workdays import WorkingCalendar, default_calendar

CAL = default_calendar()
MAKE_UP = {entry[0] for entry in MAKE_UP_WORKING_DAYS}
# The make-up Saturdays the ``holidays`` package knows for 2018–2026.
PACKAGE_MAKE_UP = {date(2019, 1, 5), date(2019, 5, 4), date(2024, 5, 4), date(2025, 4, 26),
                   date(2026, 8, 22)}  # fmt: skip

dates = st.dates(min_value=date(2018, 1, 1), max_value=date(2026, 12, 31))
counts = st.integers(min_value=0, max_value=300)


# --- known dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 1, 24), True),  # Friday before Tết Ất Tỵ
        (date(2025, 1, 27), False),  # 28 Tết … 5 days of Tết
        (date(2025, 1, 29), False),  # mùng 1 Tết
        (date(2025, 1, 31), False),
        (date(2025, 2, 3), True),  # first day back
        (date(2025, 4, 7), False),  # Giỗ Tổ Hùng Vương 2025
        (date(2025, 4, 26), True),  # Saturday worked (swap)
        (date(2025, 4, 30), False),
        (date(2025, 5, 1), False),
        (date(2025, 5, 2), False),  # day off from the swap
        (date(2025, 9, 1), False),
        (date(2025, 9, 2), False),
        (date(2025, 5, 3), False),  # ordinary Saturday
        (date(2024, 4, 29), False),  # swapped off
        (date(2024, 4, 30), False),
        (date(2024, 5, 1), False),
        (date(2024, 5, 4), True),  # Saturday worked
        (date(2024, 2, 15), True),  # back after Tết Giáp Thìn
        (date(2023, 1, 2), False),  # New Year's Day (Sunday) observed
        (date(2023, 1, 26), False),  # mùng 5 Tết Quý Mão
        (date(2023, 1, 27), True),
        (date(2019, 5, 4), True),
        (date(2026, 2, 20), False),  # Tết Bính Ngọ
        (date(2026, 2, 23), True),
        (date(2026, 8, 22), True),  # Saturday worked (swap)
        (date(2026, 8, 31), False),
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
        (date(2026, 1, 2), False),  # Tết Dương lịch 2026 swap (local table)
        (date(2026, 1, 10), True),  # … and its make-up Saturday
        (date(2019, 1, 5), True),  # made up for 31/12/2018, a swap across two years
        (date(2018, 12, 31), False),
    ],
)
def test_is_working_day_known_dates(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 1, 24), 1, date(2025, 2, 3)),  # across Tết 2025
        (date(2025, 1, 24), 0, date(2025, 1, 24)),
        (date(2025, 1, 27), 0, date(2025, 2, 3)),
        (date(2025, 1, 25), 0, date(2025, 2, 3)),
        # Jan 21–24 (4) + Feb (20) + Mar (21) + Apr 1–4, 8–11, 14–18 (13) + Apr 21, 22.
        (date(2025, 1, 20), 60, date(2025, 4, 22)),
        (date(2025, 4, 25), 1, date(2025, 4, 26)),  # make-up Saturday counts
        (date(2025, 4, 25), 2, date(2025, 4, 28)),
        (date(2025, 4, 25), 4, date(2025, 5, 5)),  # skips 30/4, 1/5, 2/5 and the weekend
        (date(2024, 4, 26), 1, date(2024, 5, 2)),
        (date(2024, 4, 26), 3, date(2024, 5, 4)),
        (date(2024, 4, 26), 4, date(2024, 5, 6)),
        (date(2026, 8, 21), 1, date(2026, 8, 22)),
        (date(2026, 8, 21), 7, date(2026, 9, 3)),
        (date(2025, 12, 31), 1, date(2026, 1, 5)),  # 1/1 Tết Dương lịch, 2/1 swapped off
        (date(2026, 1, 9), 1, date(2026, 1, 10)),  # the make-up Saturday counts
    ],
)
def test_add_working_days_known_dates(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 1, 24), date(2025, 2, 3), 1),
        (date(2025, 1, 20), date(2025, 4, 22), 60),
        (date(2025, 4, 25), date(2025, 5, 5), 4),
        (date(2025, 2, 3), date(2025, 2, 3), 0),
        (date(2025, 2, 5), date(2025, 2, 3), 0),
    ],
)
def test_working_days_between_known_dates(start: date, end: date, expected: int) -> None:
    assert CAL.working_days_between(start, end) == expected


def test_the_local_table_holds_exactly_the_swaps_the_package_lacks() -> None:
    package_only = WorkingCalendar()
    days = [
        date(2010, 1, 1) + timedelta(days=i)
        for i in range((date(2028, 1, 1) - date(2010, 1, 1)).days)
    ]

    differ = {day for day in days if package_only.is_working_day(day) != CAL.is_working_day(day)}

    assert differ == {entry[0] for entry in EXTRA_DAYS_OFF} | MAKE_UP
    assert all(package_only.is_working_day(day) for day, _src, _conf in EXTRA_DAYS_OFF)
    assert not any(package_only.is_working_day(day) for day in MAKE_UP)


def test_a_fresh_calendar_knows_a_swap_made_up_in_the_next_year() -> None:
    assert WorkingCalendar().is_working_day(date(2019, 1, 5))


def test_custom_swaps_are_honoured() -> None:
    cal = WorkingCalendar(extra_days_off=[date(2025, 3, 14)], make_up_days=[date(2025, 3, 22)])

    assert not cal.is_working_day(date(2025, 3, 14))
    assert cal.is_working_day(date(2025, 3, 22))
    assert cal.add_working_days(date(2025, 3, 13), 1) == date(2025, 3, 17)


def test_invalid_arguments_are_rejected() -> None:
    with pytest.raises(ValueError, match="n must be"):
        CAL.add_working_days(date(2025, 1, 2), -1)
    with pytest.raises(ValueError, match="both"):
        WorkingCalendar(extra_days_off=[date(2025, 1, 4)], make_up_days=[date(2025, 1, 4)])
    # Refused by name, before any comparison could (a datetime is a date subclass).
    with pytest.raises(TypeError, match=r"expected a datetime\.date, got datetime"):
        CAL.is_working_day(datetime(2025, 1, 2, 9, 0))
    with pytest.raises(TypeError, match=r"expected a datetime\.date, got str"):
        CAL.is_working_day("2025-01-02")  # type: ignore[arg-type]


def test_default_calendar_is_cached() -> None:
    assert default_calendar() is default_calendar()


def test_days_off_data_is_consistent() -> None:
    for day, source, confidence in EXTRA_DAYS_OFF:
        assert day.weekday() < 5, day
        assert source.strip()
        assert confidence in ("HIGH", "MED")
    for day, source, confidence in MAKE_UP_WORKING_DAYS:
        assert day.weekday() >= 5, day
        assert source.strip()
        assert confidence in ("HIGH", "MED")
    off = [entry[0] for entry in EXTRA_DAYS_OFF]
    make_up = [entry[0] for entry in MAKE_UP_WORKING_DAYS]
    assert off == sorted(set(off))
    assert make_up == sorted(set(make_up))
    assert not set(off) & set(make_up)


# --- properties -----------------------------------------------------------------------------


@settings(deadline=None)
@given(start=dates, n=counts)
def test_result_is_a_working_day(start: date, n: int) -> None:
    result = CAL.add_working_days(start, n)

    assert CAL.is_working_day(result)
    assert result.weekday() < 5 or result in MAKE_UP | PACKAGE_MAKE_UP
    assert result >= start
    assert (result > start) == (n > 0 or not CAL.is_working_day(start))


@settings(deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=300))
def test_add_working_days_strictly_increasing_in_n(start: date, n: int) -> None:
    assert CAL.add_working_days(start, n) < CAL.add_working_days(start, n + 1)


@settings(deadline=None)
@given(start=dates)
def test_zero_days_is_next_working_day_on_or_after_start(start: date) -> None:
    # n == 0 rolls a non-working start forward, so it coincides with n == 1 exactly then.
    zero, one = CAL.add_working_days(start, 0), CAL.add_working_days(start, 1)

    assert zero <= one
    assert (zero == one) == (not CAL.is_working_day(start))


@settings(deadline=None)
@given(start=dates, delta=st.integers(min_value=0, max_value=40), n=counts)
def test_add_working_days_non_decreasing_in_start(start: date, delta: int, n: int) -> None:
    later = start + timedelta(days=delta)

    assert CAL.add_working_days(start, n) <= CAL.add_working_days(later, n)


@settings(deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=300))
def test_between_inverts_add(start: date, n: int) -> None:
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@settings(deadline=None)
@given(start=dates, span=st.integers(min_value=0, max_value=400))
def test_between_counts_each_working_day_once(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    expected = sum(CAL.is_working_day(start + timedelta(days=i)) for i in range(1, span + 1))

    assert CAL.working_days_between(start, end) == expected


# --- outside the years the calendar knows ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n"),
    [
        (date(1, 1, 1), 1),
        (date(1900, 12, 31), 0),
        (date(9999, 12, 31), 30),
        (date(2100, 12, 20), 30),
    ],
)
def test_a_deadline_outside_the_holiday_years_is_refused_with_the_range(
    start: date, n: int
) -> None:
    with pytest.raises(OutsideRules, match=r"\(01/01/1901 – 31/12/2100\)"):
        CAL.add_working_days(start, n)


def test_the_calendar_covers_the_holiday_years_to_their_edges() -> None:
    assert CAL.add_working_days(date(1901, 1, 1), 1) == date(1901, 1, 2)
    assert CAL.is_working_day(date(2100, 12, 31))
