import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.members import rules
from dangvu.members.models import Status

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2020, 1, 31), 1, D(2020, 2, 29)),
        (D(2021, 5, 19), 12, D(2022, 5, 19)),
        (D(2021, 12, 15), 1, D(2022, 1, 15)),
        (D(2022, 3, 31), -1, D(2022, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_months_last_day(start: D, months: int, expected: D) -> None:
    assert rules.add_months(start, months) == expected


@given(st.dates(min_value=D(1930, 1, 1), max_value=D(2090, 1, 1)), st.integers(0, 600))
def test_age_in_months_after_adding_months_is_exactly_that(start: D, months: int) -> None:
    assert rules.age_in_months(start, rules.add_months(start, months)) == months


def test_official_date_is_exactly_twelve_months_after_admission() -> None:
    assert rules.official_date_for(D(2023, 2, 3)) == D(2024, 2, 3)


@pytest.mark.parametrize(
    ("official", "exit_date", "on", "expected"),
    [
        (None, None, D(2020, 1, 1), None),
        (None, None, D(2021, 6, 1), Status.PROBATIONARY),
        (D(2022, 5, 19), None, D(2022, 5, 18), Status.PROBATIONARY),
        (D(2022, 5, 19), None, D(2022, 5, 19), Status.OFFICIAL),
        (D(2022, 5, 19), D(2024, 1, 1), D(2024, 1, 1), Status.EXITED),
    ],
)
def test_status_on_a_date_follows_the_dates(
    official: D | None, exit_date: D | None, on: D, expected: str | None
) -> None:
    status = rules.status_on(
        admission_date=D(2021, 5, 19), official_date=official, exit_date=exit_date, on=on
    )

    assert status == expected


@pytest.mark.parametrize(
    ("national_id", "gender", "birth", "errors"),
    [
        ("038085001234", "M", D(1985, 3, 1), []),
        ("038185001234", "F", D(1985, 3, 1), []),
        ("038300001234", "F", D(2000, 3, 1), []),
        ("03808500123", "M", D(1985, 3, 1), ["NOT_12_DIGITS"]),
        ("03808500123a", "M", D(1985, 3, 1), ["NOT_12_DIGITS"]),
        ("003085001234", "M", D(1985, 3, 1), ["BAD_PROVINCE"]),
        ("038685001234", "M", D(1985, 3, 1), ["BAD_CENTURY"]),
        ("038086001234", "M", D(1985, 3, 1), ["BIRTH_YEAR_MISMATCH"]),
        ("038185001234", "M", D(1985, 3, 1), ["GENDER_MISMATCH"]),
    ],
)
def test_national_id_checks(national_id: str, gender: str, birth: D, errors: list[str]) -> None:
    found = rules.national_id_errors(
        national_id, gender=gender, birth_date=birth, check_structure=True
    )

    assert found == errors


def test_national_id_structure_check_can_be_switched_off() -> None:
    assert (
        rules.national_id_errors(
            "999999999999", gender="M", birth_date=D(1985, 1, 1), check_structure=False
        )
        == []
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {}),
        ({"birth_date": D(2027, 1, 1)}, {"birth_date": "FUTURE", "admission_date": "UNDER_AGE"}),
        (
            {"admission_date": D(2003, 3, 14), "official_date": None},
            {"admission_date": "UNDER_AGE"},
        ),
        ({"admission_date": D(2003, 3, 15), "official_date": None}, {}),
        ({"official_date": D(2011, 5, 20)}, {"official_date": "NOT_END_OF_PROBATION"}),
        ({"exit_date": D(2010, 5, 19)}, {"exit_date": "OUT_OF_RANGE"}),
    ],
)
def test_record_date_errors(changes: dict[str, D | None], expected: dict[str, str]) -> None:
    dates: dict[str, D | None] = {
        "birth_date": D(1985, 3, 15),
        "admission_date": D(2010, 5, 19),
        "official_date": D(2011, 5, 19),
        "exit_date": None,
    }
    dates.update(changes)

    errors = rules.record_date_errors(today=D(2026, 11, 26), **dates)  # type: ignore[arg-type]

    assert errors == expected


@pytest.mark.parametrize(
    ("band", "on", "earliest", "latest"),
    [
        ("18-30", D(2025, 6, 30), D(1994, 6, 30), D(2007, 6, 30)),
        ("61+", D(2025, 6, 30), None, D(1964, 6, 30)),
    ],
)
def test_birth_date_range_of_an_age_band(band: str, on: D, earliest: D | None, latest: D) -> None:
    assert rules.birth_date_range(band, on) == (earliest, latest)


def _in_band(birth: D, band: str, on: D) -> bool:
    earliest, latest = rules.birth_date_range(band, on)
    return (earliest is None or birth > earliest) and birth <= latest


@given(st.dates(min_value=D(1940, 1, 1), max_value=D(2010, 1, 1)))
def test_every_adult_age_falls_in_exactly_one_band(birth: D) -> None:
    on = D(2026, 1, 1)

    bands = [code for code, _young, _old in rules.AGE_BANDS if _in_band(birth, code, on)]

    assert len(bands) == (1 if rules.age_in_months(birth, on) >= 18 * 12 else 0)
