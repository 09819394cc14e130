"""The checks of a period out of the Party (Quy định 24-QĐ/TW mục 4.5.1): a real period,
within party age, over by today, and not overlapping another (overlaps are refused)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.members import rules

D = dt.date
COUNTED_FROM = D(1990, 3, 2)
TODAY = D(2026, 11, 26)
RECORDED = [(D(2000, 1, 1), D(2001, 1, 1))]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2005, 1, 1), D(2006, 1, 1), {}),
        (D(2001, 1, 1), D(2002, 1, 1), {}),  # starts the day the other ends: no overlap
        (D(1999, 1, 1), D(2000, 1, 1), {}),  # ends the day the other starts
        (D(2005, 1, 1), D(2005, 1, 1), {"end_date": "END_NOT_AFTER_START"}),
        (D(2006, 1, 1), D(2005, 1, 1), {"end_date": "END_NOT_AFTER_START"}),
        (D(1989, 1, 1), D(1991, 1, 1), {"start_date": "BEFORE_ADMISSION"}),
        (D(2026, 1, 1), D(2026, 11, 27), {"end_date": "FUTURE"}),
        (D(2000, 6, 1), D(2002, 1, 1), {"start_date": "OVERLAPS"}),
        (D(1999, 6, 1), D(2000, 1, 2), {"start_date": "OVERLAPS"}),
        (D(1999, 6, 1), D(2002, 1, 1), {"start_date": "OVERLAPS"}),  # covers it
    ],
)
def test_a_period_out_of_the_party_is_checked(start: D, end: D, expected: dict[str, str]) -> None:
    errors = rules.party_gap_errors(
        start=start, end=end, counted_from=COUNTED_FROM, today=TODAY, others=RECORDED
    )

    assert errors == expected


_day = st.integers(0, 10_000).map(lambda n: D(1995, 1, 1) + dt.timedelta(days=n))


@given(a=st.tuples(_day, _day), b=st.tuples(_day, _day))
def test_two_accepted_periods_never_share_a_day(a: tuple[D, D], b: tuple[D, D]) -> None:
    first = (min(a), max(a))
    second = (min(b), max(b))
    errors = rules.party_gap_errors(
        start=second[0], end=second[1], counted_from=COUNTED_FROM, today=TODAY, others=[first]
    )
    if not errors and first[0] < first[1]:
        days = {first[0] + dt.timedelta(n) for n in range((first[1] - first[0]).days)}
        assert not any(
            second[0] + dt.timedelta(n) in days for n in range((second[1] - second[0]).days)
        )


@pytest.mark.parametrize(
    ("readmission", "expected"),
    [
        (None, None),
        (D(2012, 5, 19), None),
        (D(2010, 5, 19), "OUT_OF_RANGE"),  # the first admission's day
        (D(2009, 1, 1), "OUT_OF_RANGE"),
        (D(2026, 11, 27), "OUT_OF_RANGE"),  # after today
    ],
)
def test_the_second_admission_follows_the_first(
    readmission: D | None, expected: str | None
) -> None:
    errors = rules.record_date_errors(
        birth_date=D(1985, 3, 15),
        admission_date=D(2010, 5, 19),
        official_date=D(2011, 5, 19),
        exit_date=None,
        today=TODAY,
        readmission_date=readmission,
    )

    assert errors.get("readmission_date") == expected
