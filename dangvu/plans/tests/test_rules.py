"""The pure rules of plans: a target's status on a date, a task's, the months a cell met."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.rulesets import rules_for
from dangvu.plans.rules import (
    TargetStatus,
    TaskStatus,
    done_on_time,
    months_held,
    target_status,
    task_status,
    year_elapsed,
)
from dangvu.plans.rulesets import PLANS

D = dt.date
S = TargetStatus
TEN = Fraction(1, 10)


@pytest.mark.parametrize(
    ("actual", "goal", "as_of", "cumulative", "expected"),
    [
        (None, "10", D(2021, 6, 30), True, S.PENDING),
        ("12", "10", D(2021, 6, 30), True, S.EXCEEDED),
        ("10", "10", D(2021, 3, 1), True, S.MET),
        ("5", "10", D(2021, 7, 2), True, S.ON_TRACK),  # half the goal at half the year
        ("4", "10", D(2021, 7, 2), True, S.ON_TRACK),  # 4.5 due less a tenth, rounded down
        ("3", "10", D(2021, 7, 2), True, S.AT_RISK),
        ("7", "10", D(2021, 10, 31), True, S.ON_TRACK),
        ("6", "10", D(2021, 10, 31), True, S.AT_RISK),
        ("0", "10", D(2021, 1, 1), True, S.ON_TRACK),  # one day in
        ("9", "10", D(2022, 1, 1), True, S.MISSED),  # the year is over
        ("85", "90", D(2021, 7, 2), False, S.ON_TRACK),  # a share is judged on the goal
        ("80", "90", D(2021, 7, 2), False, S.AT_RISK),
        ("89.9", "90", D(2021, 12, 30), False, S.ON_TRACK),
        ("89.9", "90", D(2021, 12, 31), False, S.MISSED),  # the year's result
        ("89.9", "90", D(2022, 1, 14), False, S.MISSED),
    ],
)
def test_target_status(
    actual: str | None, goal: str, as_of: dt.date, cumulative: bool, expected: TargetStatus
) -> None:
    value = None if actual is None else Decimal(actual)
    found = target_status(actual=value, goal=Decimal(goal), year=2021, as_of=as_of,
                          cumulative=cumulative, tolerance=TEN)  # fmt: skip
    assert found == expected


@given(
    st.decimals(min_value=0, max_value=1000, places=1),
    st.decimals(min_value=Decimal("0.1"), max_value=1000, places=1),
    st.dates(D(2020, 1, 1), D(2023, 12, 31)),
    st.booleans(),
)
def test_reaching_the_goal_is_met_or_exceeded_whatever_the_date(
    actual: Decimal, goal: Decimal, as_of: dt.date, cumulative: bool
) -> None:
    found = target_status(actual=actual, goal=goal, year=2021, as_of=as_of,
                          cumulative=cumulative, tolerance=TEN)  # fmt: skip
    assert (found in (S.MET, S.EXCEEDED)) == (actual >= goal)
    if as_of >= D(2021, 12, 31):
        assert found != S.AT_RISK and found != S.ON_TRACK


@given(st.dates(D(2020, 1, 1), D(2023, 12, 31)), st.dates(D(2020, 1, 1), D(2023, 12, 31)))
def test_the_year_elapsed_grows_from_zero_to_one(first: dt.date, second: dt.date) -> None:
    early, late = sorted([first, second])
    assert 0 <= year_elapsed(2021, early) <= year_elapsed(2021, late) <= 1


@pytest.mark.parametrize(
    ("result", "closed_on", "as_of", "expected"),
    [
        ("", None, D(2022, 6, 30), TaskStatus.OPEN),
        ("", None, D(2022, 7, 1), TaskStatus.OVERDUE),
        ("DONE", D(2022, 5, 1), D(2022, 7, 1), TaskStatus.DONE),
        ("EXCEEDED", D(2022, 5, 1), D(2022, 4, 30), TaskStatus.OPEN),  # not closed yet then
        ("NOT_DONE", D(2022, 12, 31), D(2023, 1, 1), TaskStatus.NOT_DONE),
    ],
)
def test_task_status(
    result: str, closed_on: dt.date | None, as_of: dt.date, expected: TaskStatus
) -> None:
    found = task_status(result=result, deadline=D(2022, 6, 30), as_of=as_of, closed_on=closed_on)
    assert found == expected


def test_months_held_counts_months_with_enough_meetings() -> None:
    dates = [D(2021, 1, 5), D(2021, 1, 20), D(2021, 3, 3), D(2021, 5, 1), D(2020, 2, 2)]
    assert months_held(dates, 2021, 4, at_least=1) == 2  # January, March; May is later
    assert months_held(dates, 2021, 12, at_least=2) == 1


def test_the_charter_asks_for_a_meeting_a_month() -> None:
    assert rules_for(PLANS, D(2021, 1, 1)).cell_meetings_a_month == 1


@pytest.mark.parametrize(
    ("status", "closed_on", "counts"),
    [
        (TaskStatus.DONE, dt.date(2025, 6, 30), True),
        (TaskStatus.EXCEEDED, dt.date(2025, 6, 1), True),
        (TaskStatus.DONE, dt.date(2025, 7, 1), False),  # behind schedule
        (TaskStatus.NOT_DONE, dt.date(2025, 6, 1), False),
        (TaskStatus.OPEN, None, False),
    ],
)
def test_a_task_counts_as_done_only_when_done_by_its_deadline(
    status: TaskStatus, closed_on: dt.date | None, counts: bool
) -> None:
    assert done_on_time(status, dt.date(2025, 6, 30), closed_on) is counts
