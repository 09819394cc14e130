import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.months import age_in_months
from dangvu.members import rules

D = dt.date


@pytest.mark.parametrize(
    ("national_id", "gender", "birth", "errors"),
    [
        ("038085001234", "M", D(1985, 3, 1), []),
        ("038185001234", "F", D(1985, 3, 1), []),
        ("038300001234", "F", D(2000, 3, 1), []),
        ("038299001234", "M", D(2099, 3, 1), []),
        ("038200001234", "F", D(2000, 3, 1), ["GENDER_MISMATCH"]),
        ("038099001234", "M", D(1999, 3, 1), []),
        ("038200001234", "M", D(1900, 3, 1), ["BIRTH_YEAR_MISMATCH"]),
        # Thông tư 59/2021: two digits a century; 6 is a man born in the 2200s.
        ("038685001234", "M", D(1985, 3, 1), ["BIRTH_YEAR_MISMATCH"]),
        ("038685001234", "M", D(2285, 3, 1), []),
        ("038985001234", "F", D(2385, 3, 1), []),
        ("03808500123", "M", D(1985, 3, 1), ["NOT_12_DIGITS"]),
        ("03808500123a", "M", D(1985, 3, 1), ["NOT_12_DIGITS"]),
        ("003085001234", "M", D(1985, 3, 1), ["BAD_PROVINCE"]),
        ("038086001234", "M", D(1985, 3, 1), ["BIRTH_YEAR_MISMATCH"]),
        ("038185001234", "M", D(1985, 3, 1), ["GENDER_MISMATCH"]),
    ],
)
def test_national_id_checks(national_id: str, gender: str, birth: D, errors: list[str]) -> None:
    found = rules.national_id_errors(
        national_id, gender=gender, birth_date=birth, check_structure=True
    )

    assert found == errors


@pytest.mark.parametrize(
    ("number", "errors"),
    [
        ("12345678", []),
        ("1234567", ["BAD_LENGTH"]),
        ("123456789", ["BAD_LENGTH"]),
        ("1234567a", ["NOT_DIGITS"]),
        ("١٢٣٤٥٦٧٨", ["NOT_DIGITS"]),  # digits, but not the ASCII ones a card carries
        ("", ["NOT_DIGITS"]),
    ],
)
def test_party_card_numbers(number: str, errors: list[str]) -> None:
    assert rules.party_card_errors(number, lengths=(8,)) == errors


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
        # The admission decision comes on or before the ceremony it decides.
        ({"admission_decision_date": D(2010, 5, 19)}, {}),
        (
            {"admission_decision_date": D(2010, 5, 20)},
            {"admission_decision_date": "AFTER_CEREMONY"},
        ),
        # Born today is not the future (the admission age refuses such a member anyway).
        ({"birth_date": D(2026, 11, 26)}, {"admission_date": "UNDER_AGE"}),
        (
            {"admission_date": D(2003, 3, 14), "official_date": None},
            {"admission_date": "UNDER_AGE"},
        ),
        ({"admission_date": D(2003, 3, 15), "official_date": None}, {}),
        ({"official_date": D(2011, 5, 20)}, {"official_date": "NOT_END_OF_PROBATION"}),
        ({"exit_date": D(2010, 5, 19)}, {"exit_date": "OUT_OF_RANGE"}),
        # A date equal to today is allowed; the day after is the future.
        ({"admission_date": D(2026, 11, 26), "official_date": None}, {}),
        ({"admission_date": D(2026, 11, 27), "official_date": None}, {"admission_date": "FUTURE"}),
        ({"exit_date": D(2026, 11, 26)}, {}),
        ({"admission_date": D(2025, 11, 26), "official_date": D(2026, 11, 26)}, {}),
        (
            {"admission_date": D(2025, 11, 27), "official_date": D(2026, 11, 27)},
            {"official_date": "FUTURE"},
        ),
        ({"exit_date": D(2026, 11, 27)}, {"exit_date": "OUT_OF_RANGE"}),
        # Before the Party's founding no lifecycle rules apply.
        (
            {"birth_date": D(1900, 1, 1), "admission_date": D(1930, 2, 2), "official_date": None},
            {"admission_date": "NO_RULES"},
        ),
        ({"birth_date": D(1900, 1, 1), "admission_date": D(1930, 2, 3), "official_date": None}, {}),
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
        ("31-35", D(2025, 6, 30), D(1989, 6, 30), D(1994, 6, 30)),
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

    assert len(bands) == (1 if age_in_months(birth, on) >= 18 * 12 else 0)


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        (D(1994, 7, 1), "18-30"),  # 30 until the day before 31
        (D(1994, 6, 30), "31-35"),  # 31 on the day
        (D(1989, 7, 1), "31-35"),  # 35 until the day before 36
        (D(1989, 6, 30), "36-40"),
        (D(1974, 7, 1), "46-50"),  # 50 until the day before 51
        (D(1974, 6, 30), "51-55"),
        (D(1964, 7, 1), "56-60"),
        (D(1964, 6, 30), "61+"),
    ],
)
def test_a_birthday_moves_a_member_to_the_next_band_on_the_day(birth: D, band: str) -> None:
    on = D(2025, 6, 30)

    assert [code for code, _young, _old in rules.AGE_BANDS if _in_band(birth, code, on)] == [band]
