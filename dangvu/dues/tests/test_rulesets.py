"""The dues rule sets: every category on both sides of 1/2/2026, exemptions, reductions and
the shares kept at each level (docs/rules.md, "Dues")."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.dues.rules import (
    PARTY_AGE,
    Basis,
    Category,
    Region,
    Relief,
    ReliefGround,
    ReliefKind,
    split,
)
from dangvu.dues.rulesets import (
    CELL,
    GR_CELL,
    GR_COMMITTEE,
    SUB_COMMITTEE,
    UPPER,
    Dues01,
    Dues01From2028,
    Dues342,
    month_rules,
)

JAN_2026, FEB_2026 = dt.date(2026, 1, 1), dt.date(2026, 2, 1)
SALARY = 8_345_000


@pytest.mark.parametrize(
    ("month", "basis", "owed", "rule"),
    [
        # Quyết định 342-QĐ/TW, January 2026: 1% of salary and allowances.
        (JAN_2026, Basis(Category.SALARY_STATE, SALARY), 83_450, "342: 1% lương, phụ cấp"),
        (JAN_2026, Basis(Category.SALARY_ENTERPRISE, SALARY), 83_450, "342: 1% quỹ lương"),
        (JAN_2026, Basis(Category.BENEFIT, 6_000_000), 60_000, "342 (01 assumed): 1%"),
        (JAN_2026, Basis(Category.PENSION, 7_000_001), 35_000, "342: 0,5% lương hưu"),
        (JAN_2026, Basis(Category.STUDENT), 2_000, "342: fixed amount (setting, GAP)"),
        (JAN_2026, Basis(Category.OTHER, region=Region.I), 2_000, "342: fixed (setting, GAP)"),
        # Quy định 01-QĐ/TW, February 2026.
        (FEB_2026, Basis(Category.SALARY_STATE, SALARY), 83_450, "01: 1% lương đóng BHXH"),
        (FEB_2026, Basis(Category.SALARY_ENTERPRISE, SALARY), 83_450, "01: 1% lương đóng BHXH"),
        (FEB_2026, Basis(Category.BENEFIT, 6_000_000), 60_000, "01: 1% trợ cấp ốm đau"),
        (FEB_2026, Basis(Category.PENSION, 7_000_001), 35_000, "01: 0,5% lương hưu"),
        (FEB_2026, Basis(Category.STUDENT), 5_000, "01: 5.000 đ học sinh, sinh viên"),
        (FEB_2026, Basis(Category.OTHER, region=Region.I), 15_930, "01: 0,3% lương vùng I"),
        (FEB_2026, Basis(Category.OTHER, region=Region.IV), 11_100, "01: 0,3% lương vùng IV"),
        (
            FEB_2026,
            Basis(Category.OTHER, region=Region.I, past_retirement_age=True),
            10_620,
            "01: 0,2% lương vùng I, từ tuổi nghỉ hưu",
        ),
        # Quy định 01-QĐ/TW from 1/1/2028: 0.5% and 0.3%.
        (dt.date(2028, 1, 1), Basis(Category.OTHER, region=Region.I), 26_550, "01: 0,5%"),
        (
            dt.date(2028, 1, 1),
            Basis(Category.OTHER, region=Region.I, past_retirement_age=True),
            15_930,
            "01: 0,3% từ tuổi nghỉ hưu",
        ),
    ],
)
def test_each_category_owes_what_the_rule_of_its_month_says(
    month: dt.date, basis: Basis, owed: int, rule: str
) -> None:
    assert month_rules(month).owed(basis, relief=None, party_age_years=10).amount == owed, rule


@pytest.mark.parametrize(
    ("month", "rule_set"),
    [
        (dt.date(2026, 1, 31), Dues342),
        (FEB_2026, Dues01),
        (dt.date(2027, 12, 1), Dues01),
        (dt.date(2028, 1, 1), Dues01From2028),
    ],
)
def test_the_month_picks_its_rule_set(month: dt.date, rule_set: type) -> None:
    assert type(month_rules(month)) is rule_set


def test_fifty_years_of_party_age_exempt_from_february_2026_only() -> None:
    basis = Basis(Category.PENSION, 6_000_000)

    before = month_rules(JAN_2026).owed(basis, relief=None, party_age_years=55)
    after = month_rules(FEB_2026).owed(basis, relief=None, party_age_years=50)
    short = month_rules(FEB_2026).owed(basis, relief=None, party_age_years=49)

    assert (before.amount, after.amount, after.relief, short.amount) == (
        30_000,
        0,
        PARTY_AGE,
        30_000,
    )


@pytest.mark.parametrize(
    ("month", "relief", "months", "refused"),
    [
        (FEB_2026, Relief(ReliefKind.REDUCED, ReliefGround.HARDSHIP, 50), 12, False),
        (FEB_2026, Relief(ReliefKind.REDUCED, ReliefGround.HARDSHIP, 40), 12, True),
        (FEB_2026, Relief(ReliefKind.REDUCED, ReliefGround.HARDSHIP, 30), 13, True),
        (FEB_2026, Relief(ReliefKind.EXEMPT, ReliefGround.HARDSHIP), None, True),
        (FEB_2026, Relief(ReliefKind.EXEMPT, ReliefGround.SOCIAL_PENSION), None, False),
        (FEB_2026, Relief(ReliefKind.EXEMPT, ReliefGround.POOR_HOUSEHOLD), 24, False),
        (JAN_2026, Relief(ReliefKind.REDUCED, ReliefGround.HARDSHIP, 40), None, False),
        (JAN_2026, Relief(ReliefKind.EXEMPT, ReliefGround.GRAVE_ILLNESS), None, True),
        (JAN_2026, Relief(ReliefKind.REDUCED, ReliefGround.HARDSHIP, 100), None, True),
    ],
)
def test_reliefs_follow_the_grounds_rates_and_length_of_their_period(
    month: dt.date, relief: Relief, months: int | None, refused: bool
) -> None:
    assert bool(month_rules(month).relief_problems(relief, months)) is refused


@pytest.mark.parametrize(
    ("chain", "kept"),
    [
        # A chi bộ cơ sở keeps 70%; the committee above keeps half of the rest.
        ([(2, GR_CELL), (1, UPPER)], [70_000, 15_000]),
        # A chi bộ trực thuộc keeps 30%, its đảng ủy cơ sở the rest of the 70%.
        ([(3, CELL), (2, GR_COMMITTEE), (1, UPPER)], [30_000, 40_000, 15_000]),
        # A đảng bộ bộ phận passes everything on (setting, GAP).
        (
            [(4, CELL), (3, SUB_COMMITTEE), (2, GR_COMMITTEE), (1, UPPER)],
            [30_000, 0, 40_000, 15_000],
        ),
    ],
)
def test_the_shares_kept_at_each_level(chain: list[tuple[int, str]], kept: list[int]) -> None:
    for month in (JAN_2026, FEB_2026):
        shares = split(100_000, month_rules(month).chain_shares(chain))

        assert [share.kept for share in shares] == kept
        assert shares[-1].remitted == 100_000 - sum(kept)


CATEGORIES = st.sampled_from(Category.values)
BASES = st.builds(
    Basis,
    category=CATEGORIES,
    income=st.integers(min_value=0, max_value=500_000_000),
    region=st.sampled_from(Region.values),
    past_retirement_age=st.booleans(),
)
MONTHS = st.dates(min_value=dt.date(2011, 1, 1), max_value=dt.date(2035, 12, 31))
GROUNDS = st.sampled_from(ReliefGround.values)


@given(BASES, MONTHS, GROUNDS, st.integers(min_value=0, max_value=90))
def test_an_exempt_member_never_owes(basis: Basis, month: dt.date, ground: str, age: int) -> None:
    rules = month_rules(month)

    owed = rules.owed(basis, relief=Relief(ReliefKind.EXEMPT, ground), party_age_years=age)

    assert owed.amount == 0


@given(BASES, MONTHS, st.integers(min_value=50, max_value=90))
def test_fifty_years_of_party_age_owe_nothing_under_quy_dinh_01(
    basis: Basis, month: dt.date, age: int
) -> None:
    owed = month_rules(month).owed(basis, relief=None, party_age_years=age)

    assert owed.amount == 0 or month < FEB_2026


@given(BASES, MONTHS, GROUNDS, st.integers(min_value=1, max_value=99))
def test_a_reduction_never_raises_the_amount(
    basis: Basis, month: dt.date, ground: str, percent: int
) -> None:
    rules = month_rules(month)

    full = rules.owed(basis, relief=None, party_age_years=0)
    reduced = rules.owed(
        basis, relief=Relief(ReliefKind.REDUCED, ground, percent), party_age_years=0
    )

    assert 0 <= reduced.amount <= full.amount


KINDS_BELOW_TCCSD = st.lists(st.sampled_from([CELL, SUB_COMMITTEE]), max_size=3)


@given(
    st.integers(min_value=0, max_value=10**12),
    MONTHS,
    KINDS_BELOW_TCCSD,
    st.sampled_from([GR_CELL, GR_COMMITTEE]),
    st.integers(min_value=0, max_value=4),
    st.decimals(min_value=0, max_value=1, places=2),
)
def test_kept_and_remitted_make_what_each_level_received(
    collected: int,
    month: dt.date,
    below: list[str],
    grassroots: str,
    uppers: int,
    cell_keeps: Decimal,
) -> None:
    kinds = [*below, grassroots] + [UPPER] * uppers
    chain = list(enumerate(kinds))
    rules = replace(month_rules(month), cell_keeps=cell_keeps)

    shares = split(collected, rules.chain_shares(chain))

    received = collected
    for share in shares:
        assert share.received == received
        assert share.kept + share.remitted == share.received
        assert share.kept >= 0 and share.remitted >= 0
        received = share.remitted
    assert sum(share.kept for share in shares) + shares[-1].remitted == collected
