import datetime as dt
import re

import pytest

from dangvu.common.dates import (
    PARTY_FOUNDED,
    Fact,
    InvalidDate,
    checked_date,
    date_problem,
    date_range,
    long_date,
    outside_rules,
    parse_date,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2022, 2, 28), "Thứ 2, Ngày 28/02/2022"),
        (dt.date(2022, 3, 6), "Chủ nhật, Ngày 06/03/2022"),
        (dt.date(2026, 11, 26), "Thứ 5, Ngày 26/11/2026"),
    ],
)
def test_long_date(value: dt.date, expected: str) -> None:
    assert long_date(value) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("28/02/2022", dt.date(2022, 2, 28)),
        ("2022-02-28", dt.date(2022, 2, 28)),
        ("31/02/2022", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw: str | None, expected: dt.date | None) -> None:
    assert parse_date(raw) == expected


# --- the date policy ------------------------------------------------------------------------

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("fact", "earliest", "latest"),
    [
        (Fact.BIRTH, dt.date(1906, 11, 26), TODAY),
        (Fact.EVENT, PARTY_FOUNDED, TODAY),
        (Fact.PLANNED_END, PARTY_FOUNDED, dt.date(2028, 11, 26)),
        (Fact.STRUCTURE_CHANGE, PARTY_FOUNDED, dt.date(2027, 2, 24)),
        (Fact.AS_OF, PARTY_FOUNDED, dt.date(2028, 11, 26)),
        (Fact.OCCASION, PARTY_FOUNDED, dt.date(2028, 11, 26)),
        (Fact.SCHEDULED, PARTY_FOUNDED, dt.date(2027, 2, 24)),
    ],
)
def test_each_kind_of_fact_has_its_range(fact: Fact, earliest: dt.date, latest: dt.date) -> None:
    assert date_range(fact, TODAY) == (earliest, latest)
    assert date_problem(earliest, fact, "Ngày", TODAY) is None
    assert date_problem(latest, fact, "Ngày", TODAY) is None
    assert date_problem(earliest - dt.timedelta(days=1), fact, "Ngày", TODAY) is not None
    assert date_problem(latest + dt.timedelta(days=1), fact, "Ngày", TODAY) is not None


def test_a_leap_day_today_gives_a_range_ending_on_a_real_day() -> None:
    assert date_range(Fact.BIRTH, dt.date(2024, 2, 29))[0] == dt.date(1904, 2, 29)
    assert date_range(Fact.AS_OF, dt.date(2024, 2, 29))[1] == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("fact", "value", "message"),
    [
        (Fact.BIRTH, dt.date(1, 1, 1),
         "Ngày sinh phải từ 26/11/1906 (120 năm trước) đến hôm nay (26/11/2026)."),
        (Fact.EVENT, dt.date(9999, 12, 31),
         "Ngày sinh phải từ 03/02/1930 (ngày thành lập Đảng) đến hôm nay (26/11/2026)."),
        (Fact.STRUCTURE_CHANGE, dt.date(9999, 12, 31),
         "Ngày sinh phải từ 03/02/1930 (ngày thành lập Đảng) đến 24/02/2027 (90 ngày tới)."),
        (Fact.PLANNED_END, dt.date(2030, 1, 1),
         "Ngày sinh phải từ 03/02/1930 (ngày thành lập Đảng) đến 26/11/2028 (2 năm tới)."),
    ],
)  # fmt: skip
def test_a_refusal_names_the_field_and_the_range(fact: Fact, value: dt.date, message: str) -> None:
    assert date_problem(value, fact, "Ngày sinh", TODAY) == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", None), (None, None), ("  ", None), ("03/02/1930", PARTY_FOUNDED), ("2026-11-26", TODAY)],
)
def test_checked_date_reads_both_forms_and_blank(raw: str | None, expected: dt.date | None) -> None:
    assert checked_date(raw, Fact.EVENT, "Ngày", TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("30/02/2024", "Ngày xem: “30/02/2024” không phải một ngày"),
        ("hôm nay", "Ngày xem: “hôm nay” không phải một ngày"),
        ("01/01/0001", "Ngày xem phải từ 03/02/1930"),
        ("9999-12-31", "đến 26/11/2028 (2 năm tới)"),
    ],
)
def test_checked_date_refuses_what_is_not_a_date_in_range(raw: str, message: str) -> None:
    with pytest.raises(InvalidDate, match=re.escape(message)):
        checked_date(raw, Fact.AS_OF, "Ngày xem", TODAY)


def test_outside_rules_writes_year_one_with_four_digits() -> None:
    refusal = outside_rules(dt.date(1, 1, 1), dt.date(1901, 1, 1), dt.date(2100, 12, 31))

    assert str(refusal) == (
        "Ngày 01/01/0001 nằm ngoài khoảng các quy định áp dụng (01/01/1901 – 31/12/2100)."
    )
