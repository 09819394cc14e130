"""Rules asked about dates their rule sets and the calendar do not cover answer a clear
refusal (OutsideRules, NoRuleSet) with the range, never an exception from deep inside (year
1, or 31/12/9999 typed by mistake)."""

import datetime as dt
import re
from collections.abc import Callable

import pytest

from dangvu.common.dates import OutsideRules
from dangvu.common.months import add_months
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.common.workdays import default_calendar
from dangvu.members.rulesets.badges import BADGES
from dangvu.members.rulesets.lifecycle import LIFECYCLE

D = dt.date
CALENDAR = default_calendar()


@pytest.mark.parametrize(
    ("start", "months", "message"),
    [
        (D(9999, 12, 31), 1, "Ngày 31/12/9999 nằm ngoài khoảng các quy định áp dụng"),
        (D(9999, 1, 31), 12, "Ngày 31/01/9999 nằm ngoài"),
        (D(1, 1, 1), -1, "Ngày 01/01/0001 nằm ngoài khoảng các quy định áp dụng"),
    ],
)
def test_add_months_past_the_calendar_is_refused(start: D, months: int, message: str) -> None:
    with pytest.raises(OutsideRules, match=re.escape(message)):
        add_months(start, months)


def test_add_months_reaches_the_last_and_the_first_month() -> None:
    assert add_months(D(9998, 12, 31), 12) == D(9999, 12, 31)
    assert add_months(D(1, 2, 28), -1) == D(1, 1, 28)


Deadline = Callable[[D], D]
DEADLINES: list[Deadline] = [
    lambda day: rules_for(LIFECYCLE, day).recognition_decision_due(day, CALENDAR),
    lambda day: rules_for(LIFECYCLE, day).recognition_cell_due(day, CALENDAR),
    lambda day: rules_for(LIFECYCLE, day).admission_decision_due(day, 0, CALENDAR),
    lambda day: rules_for(LIFECYCLE, day).ceremony_due(day, CALENDAR),
    lambda day: rules_for(LIFECYCLE, day).transfer_letter_due(day, CALENDAR),
    lambda day: rules_for(LIFECYCLE, day).transfer_present_due(day, CALENDAR),
    lambda day: rules_for(LIFECYCLE, day).probation_end(day),
]


@pytest.mark.parametrize("deadline", DEADLINES)
def test_every_deadline_refuses_a_day_outside_the_rules(deadline: Deadline) -> None:
    with pytest.raises(NoRuleSet):
        deadline(D(1, 1, 1))
    with pytest.raises(OutsideRules):
        deadline(D(9999, 12, 31))


def test_the_next_badge_occasion_after_the_last_one_there_is_is_refused() -> None:
    rules = rules_for(BADGES, D(9999, 11, 8))

    assert rules.next_occasion(D(9999, 11, 7)) == D(9999, 11, 7)
    with pytest.raises(OutsideRules, match="07/11/9999"):
        rules.next_occasion(D(9999, 11, 8))
