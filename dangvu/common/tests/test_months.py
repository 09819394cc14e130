import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.months import add_months, age_in_months, months_text

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # a day the month lacks becomes its last day
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2020, 1, 31), 1, D(2020, 2, 29)),
        (D(2021, 5, 19), 12, D(2022, 5, 19)),
        (D(2021, 12, 15), 1, D(2022, 1, 15)),
        (D(2022, 3, 31), -1, D(2022, 2, 28)),
        (D(2026, 5, 19), -348, D(1997, 5, 19)),
    ],
)
def test_add_months_clamps_to_the_months_last_day(start: D, months: int, expected: D) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("birth", "on", "months"),
    [
        (D(2007, 10, 1), D(2025, 10, 1), 216),  # đủ 18 tuổi on the birthday
        (D(2007, 10, 2), D(2025, 10, 1), 215),
        (D(2024, 2, 29), D(2025, 2, 28), 12),  # born 29/02: a year old on 28/02
        (D(2024, 2, 29), D(2025, 2, 27), 11),
    ],
)
def test_age_in_months_counts_completed_months(birth: D, on: D, months: int) -> None:
    assert age_in_months(birth, on) == months


@given(st.dates(min_value=D(1930, 1, 1), max_value=D(2090, 1, 1)), st.integers(0, 600))
def test_age_in_months_after_adding_months_is_exactly_that(start: D, months: int) -> None:
    assert age_in_months(start, add_months(start, months)) == months


@given(st.dates(min_value=D(1940, 1, 1), max_value=D(2010, 12, 31)),
       st.dates(min_value=D(2011, 1, 1), max_value=D(2040, 12, 31)))  # fmt: skip
def test_age_in_months_matches_the_calendar(birth: D, on: D) -> None:
    months = age_in_months(birth, on)

    assert add_months(birth, months) <= on < add_months(birth, months + 1)


@pytest.mark.parametrize(
    ("months", "text"),
    [(3, "3 tháng"), (12, "1 năm"), (18, "18 tháng"), (24, "2 năm"), (144, "12 năm")],
)
def test_months_read_as_years_when_whole(months: int, text: str) -> None:
    assert months_text(months) == text
