import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.workdays import default_calendar
from dangvu.members import lifecycle
from dangvu.members.lifecycle import CandidateFacts, IllegalTransition, admission_problems
from dangvu.members.models import LifecycleState as S
from dangvu.members.rules import add_months, age_in_months, lifecycle_rules_for

D = dt.date
CAL = default_calendar()


def _facts(**changes: object) -> CandidateFacts:
    values: dict[str, object] = {
        "birth_date": D(1998, 3, 7), "awareness_class_date": D(2024, 5, 1),
        "application_date": D(2025, 6, 1), "biography_verified_date": D(2025, 9, 1),
        "youth_union_resolution_date": None, "official_introducers": 2,
        "introducers_months_together": 18, "mass_org_comments_date": D(2025, 9, 20),
        "age_exception_authority": "",
    }  # fmt: skip
    values.update(changes)
    return CandidateFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, []),
        ({"birth_date": D(2007, 11, 1)}, ["UNDER_AGE"]),
        ({"birth_date": D(1965, 1, 1)}, ["OVER_AGE"]),
        ({"birth_date": D(1965, 1, 1), "age_exception_authority": "CV 12-CV/TU"}, []),
        ({"awareness_class_date": D(2020, 9, 30)}, ["AWARENESS_CLASS_EXPIRED"]),
        ({"application_date": None}, ["NO_APPLICATION"]),
        ({"biography_verified_date": None}, ["BIOGRAPHY_NOT_VERIFIED"]),
        ({"official_introducers": 1}, ["INTRODUCERS"]),
        ({"official_introducers": 1, "youth_union_resolution_date": D(2025, 9, 1)}, []),
        ({"introducers_months_together": 11}, ["INTRODUCERS_TOO_RECENT"]),
        ({"mass_org_comments_date": None}, ["NO_COMMENTS"]),
    ],
)
def test_what_the_cell_checks_before_resolving(
    changes: dict[str, object], problems: list[str]
) -> None:
    assert admission_problems(_facts(**changes), D(2025, 10, 1)) == problems


def test_the_age_window_is_counted_in_months_on_the_cells_day() -> None:
    assert admission_problems(_facts(birth_date=D(2007, 10, 1)), D(2025, 10, 1)) == []
    assert admission_problems(_facts(birth_date=D(2007, 10, 2)), D(2025, 10, 1)) == ["UNDER_AGE"]


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        (
            S.IN_TRANSIT,
            "exempt",
            "Đảng viên đang chuyển sinh hoạt, không thể miễn công tác và sinh hoạt.",
        ),
        (
            S.IN_TRANSIT,
            "transfer_start",
            "Đảng viên đang chuyển sinh hoạt, không thể chuyển sinh hoạt đảng.",
        ),
        (
            S.EXITED,
            "recognize",
            "Đảng viên đã ra khỏi danh sách, không thể công nhận đảng viên chính thức.",
        ),
        (S.AWAY, "move", "Đảng viên đang sinh hoạt tạm thời nơi khác, không thể chuyển chi bộ."),
    ],
)
def test_illegal_transitions_are_refused_in_vietnamese(
    state: str, action: str, message: str
) -> None:
    with pytest.raises(IllegalTransition) as refused:
        lifecycle.next_state(state, action)

    assert str(refused.value) == message


def test_every_transition_starts_from_known_states_and_leads_to_one() -> None:
    for allowed, target in lifecycle.TRANSITIONS.values():
        assert allowed <= set(S.values)
        assert target is None or target in S.values


def test_deadlines_cite_the_regulation_of_their_day() -> None:
    assert "24-QĐ/TW" in lifecycle_rules_for(D(2022, 1, 1)).source
    assert "232-QĐ/TW" in lifecycle_rules_for(D(2025, 3, 1)).source
    assert "294-QĐ/TW" in lifecycle_rules_for(D(2025, 7, 1)).source


@pytest.mark.parametrize(
    ("resolution", "extension", "due"),
    [
        (D(2025, 1, 20), 0, D(2025, 4, 22)),  # across Tết and the Hùng Kings day
        (D(2025, 1, 20), 30, D(2025, 6, 5)),
    ],
)
def test_admission_decision_due_in_working_days(resolution: D, extension: int, due: D) -> None:
    assert lifecycle.admission_decision_due(resolution, extension, CAL) == due


def test_an_extension_beyond_30_working_days_is_refused() -> None:
    with pytest.raises(ValueError, match="0–30"):
        lifecycle.admission_decision_due(D(2025, 1, 20), 31, CAL)


@pytest.mark.parametrize(
    ("kind", "start", "back", "problem"),
    [
        ("TEMPORARY_WORK", D(2025, 1, 10), D(2025, 4, 9), "TOO_SHORT"),
        ("TEMPORARY_WORK", D(2025, 1, 10), D(2025, 4, 10), None),
        ("TEMPORARY_WORK", D(2025, 1, 10), D(2026, 1, 9), None),
        ("TEMPORARY_WORK", D(2025, 1, 10), D(2026, 1, 10), "TOO_LONG"),
        ("TEMPORARY_STUDY", D(2025, 1, 10), D(2027, 1, 10), None),
        ("TEMPORARY_STUDY", D(2025, 1, 10), D(2027, 1, 11), "TOO_LONG"),
    ],
)
def test_temporary_transfer_periods(kind: str, start: D, back: D, problem: str | None) -> None:
    assert lifecycle.temporary_period_problem(kind, start, back) == problem


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)))
def test_recognition_is_always_exactly_twelve_months_after_the_ceremony(ceremony: D) -> None:
    end = lifecycle.probation_end(ceremony)

    assert age_in_months(ceremony, end) == 12
    assert end == add_months(ceremony, 12)
    assert (end.year - ceremony.year, end.month) == (1, ceremony.month)


@given(st.dates(min_value=D(1940, 1, 1), max_value=D(2010, 12, 31)),
       st.dates(min_value=D(2011, 1, 1), max_value=D(2040, 12, 31)))  # fmt: skip
def test_age_in_months_matches_the_calendar(birth: D, on: D) -> None:
    months = age_in_months(birth, on)

    assert add_months(birth, months) <= on < add_months(birth, months + 1)


@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)))
def test_every_deadline_lands_on_a_working_day_after_its_start(start: D) -> None:
    for due in (lifecycle.ceremony_due(start, CAL), lifecycle.transfer_letter_due(start, CAL),
                lifecycle.transfer_present_due(start, CAL)):  # fmt: skip
        assert due > start
        assert CAL.is_working_day(due)
