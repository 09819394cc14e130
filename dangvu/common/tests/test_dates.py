import datetime as dt

import pytest

from dangvu.common.dates import long_date, parse_date


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
