"""Party age less the periods out of the Party (Quy định 24-QĐ/TW mục 4.5.1, 4.5.2; the same
text in Quy định 29-QĐ/TW mục 4.5): tables, and properties over random periods."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.months import add_months
from dangvu.members import facts
from dangvu.members.rulesets.badges import BadgeCandidate, Badges24

D = dt.date
START = D(1990, 3, 2)


@pytest.mark.parametrize(
    ("case", "gaps", "on", "expected"),
    [
        # mục 4.5.1: counted from the admission decision when nothing interrupted it.
        ("no interruption", [], D(2020, 3, 2), START),
        # mục 4.5.1: xóa tên for 1 year (365 days): party age starts a year later in effect.
        ("removed for a year", [(D(2001, 1, 1), D(2002, 1, 1))], D(2020, 3, 2), D(1991, 3, 2)),
        # Counted in days: a leap year out is 366 of them.
        ("a leap year out", [(D(2000, 1, 1), D(2001, 1, 1))], D(2020, 3, 2), D(1991, 3, 3)),
        # mục 4.5.2: re-admitted on 1/7/2005 after an expulsion on 1/7/2003: counts from the
        # first admission less the two years between.
        ("re-admitted", [(D(2003, 7, 1), D(2005, 7, 1))], D(2020, 3, 2), D(1992, 3, 2)),
        # Several periods add up (a transfer gap of 30 days and a loss of contact of 31).
        (
            "two periods",
            [(D(1995, 1, 1), D(1995, 1, 31)), (D(1998, 5, 1), D(1998, 6, 1))],
            D(2020, 1, 1),
            START + dt.timedelta(days=61),
        ),
        # A period not over on the day asked counts only up to that day.
        ("running on the day", [(D(2019, 12, 1), D(2020, 6, 1))], D(2020, 1, 1), D(1990, 4, 2)),
        # A period after the day asked does not count yet.
        ("later period", [(D(2021, 1, 1), D(2022, 1, 1))], D(2020, 1, 1), START),
    ],
)
def test_party_age_counts_from_the_start_moved_by_the_gaps(
    case: str, gaps: list[facts.Period], on: D, expected: D
) -> None:
    assert facts.party_age_counted_from(START, gaps, on) == expected, case


def test_a_year_out_of_the_party_delays_the_thirty_year_badge_by_that_year() -> None:
    """HD 01-HD/TW (2021) mục 18 milestones, on party age less the gap (mục 4.5.1)."""
    rules = Badges24()
    removed = [(D(2000, 1, 1), D(2001, 1, 1))]  # 366 days (2000 is a leap year)
    start = facts.party_age_counted_from(START, removed, D(2021, 9, 2))

    due_without = rules.badge_due(BadgeCandidate(1, START, frozenset()), D(2021, 9, 2))
    due_with = rules.badge_due(BadgeCandidate(1, start, frozenset()), D(2021, 9, 2))

    assert due_without is not None and due_without.reached_on == D(2020, 3, 2)
    assert due_with is not None and due_with.reached_on == D(2021, 3, 3)


@st.composite
def _gaps(draw: st.DrawFn) -> list[facts.Period]:
    """Up to four non-overlapping periods after START, in any order."""
    cuts = sorted(draw(st.sets(st.integers(1, 20_000), min_size=0, max_size=8)))
    if len(cuts) % 2:
        cuts = cuts[:-1]
    periods = [
        (START + dt.timedelta(days=cuts[i]), START + dt.timedelta(days=cuts[i + 1]))
        for i in range(0, len(cuts), 2)
    ]
    return draw(st.permutations(periods))


_days_after = st.integers(0, 25_000).map(lambda n: START + dt.timedelta(days=n))


@given(gaps=_gaps(), on=_days_after)
def test_party_age_never_exceeds_calendar_time_since_the_first_admission(
    gaps: list[facts.Period], on: D
) -> None:
    assert 0 <= facts.party_age_days(START, gaps, on) <= (on - START).days


@given(gaps=_gaps(), on=_days_after)
def test_party_age_drops_by_exactly_the_days_out_of_the_party(
    gaps: list[facts.Period], on: D
) -> None:
    out = sum(max(0, (min(end, on) - begin).days) for begin, end in gaps)

    assert facts.party_age_days(START, gaps, on) == (on - START).days - out


@given(gaps=_gaps(), on=_days_after, later=st.integers(0, 5_000))
def test_party_age_never_goes_down(gaps: list[facts.Period], on: D, later: int) -> None:
    after = on + dt.timedelta(days=later)

    assert facts.party_age_days(START, gaps, after) >= facts.party_age_days(START, gaps, on)


@given(gaps=_gaps(), milestone=st.sampled_from(Badges24().milestones))
def test_a_milestone_moves_by_the_gaps_before_it(gaps: list[facts.Period], milestone: int) -> None:
    """Once every period is over, the milestone's date is the uninterrupted one moved by
    exactly the days out of the Party."""
    last_end = max((end for _begin, end in gaps), default=START)
    on = max(last_end, add_months(START, 12 * milestone))
    total = sum((end - begin).days for begin, end in gaps)

    start = facts.party_age_counted_from(START, gaps, on)

    assert start == START + dt.timedelta(days=total)
