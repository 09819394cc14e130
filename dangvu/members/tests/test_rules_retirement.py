"""The retirement age (Bộ luật Lao động 2012 Điều 187; Bộ luật Lao động 2019 Điều 169 with
Nghị định 135/2020/NĐ-CP Phụ lục I): the demo's members leave for their residence by it."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.months import age_in_months
from dangvu.members.rulesets import RETIREMENT, retirement_date

D = dt.date


@pytest.mark.parametrize(
    ("birth", "gender", "retires"),
    [
        (D(1930, 6, 1), "F", D(1985, 6, 30)),  # before 1995: the ages of 1995
        (D(1940, 6, 1), "M", D(2000, 6, 30)),  # Bộ luật Lao động 1994: 60
        (D(1960, 12, 15), "M", D(2020, 12, 31)),  # reached in 2020: still 60
        (D(1965, 12, 31), "F", D(2020, 12, 31)),  # reached in 2020: still 55
        # Phụ lục I, men: 2021 at 60 years 3 months, born 01/1961 to 09/1961 …
        (D(1961, 1, 10), "M", D(2021, 4, 30)),
        (D(1961, 9, 1), "M", D(2021, 12, 31)),
        # … then 60 years 6 months in 2022 from those born 10/1961 …
        (D(1961, 10, 1), "M", D(2022, 4, 30)),
        (D(1962, 6, 30), "M", D(2022, 12, 31)),
        (D(1963, 4, 2), "M", D(2024, 4, 30)),  # 61 in 2024
        (D(1966, 1, 1), "M", D(2027, 10, 31)),  # 61 years 9 months in 2027
        (D(1966, 4, 1), "M", D(2028, 4, 30)),  # past 2027 at that age: 62, from 2028
        (D(1990, 2, 28), "M", D(2052, 2, 29)),
        # women: 55 years 4 months in 2021, born 01/1966 to 08/1966, then 55 years 8 months
        (D(1966, 1, 20), "F", D(2021, 5, 31)),
        (D(1966, 8, 5), "F", D(2021, 12, 31)),
        (D(1966, 9, 5), "F", D(2022, 5, 31)),
        (D(1975, 5, 1), "F", D(2035, 5, 31)),  # 60 from 2035
        (D(1980, 3, 1), "F", D(2040, 3, 31)),
    ],
)
def test_the_retirement_date_follows_the_roadmap(birth: D, gender: str, retires: D) -> None:
    assert retirement_date(birth, gender) == retires


births = st.dates(D(1930, 1, 1), D(2005, 12, 31))
genders = st.sampled_from(["M", "F"])


@given(births, genders)
def test_retirement_comes_at_the_age_of_its_year_and_never_before(birth: D, gender: str) -> None:
    retires = retirement_date(birth, gender)
    rules = RETIREMENT.on(max(D(retires.year, 1, 1), RETIREMENT.starts))

    required = rules.age_months(gender, retires.year)
    assert age_in_months(birth, retires) == required
    youngest, oldest = (60 * 12, 62 * 12) if gender == "M" else (55 * 12, 60 * 12)
    assert youngest <= required <= oldest


@given(births, births, genders)
def test_someone_born_later_never_retires_earlier(first: D, second: D, gender: str) -> None:
    earlier, later = sorted((first, second))

    assert retirement_date(earlier, gender) <= retirement_date(later, gender)
