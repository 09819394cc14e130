"""What a month owes (`Dues342.owed`) as an SQL expression over a basis row, a decision row
and the member's party-age start, so that the ledger adds it up in the database. The rule
set stays the reference: the expression is built from its own numbers and functions (a fixed
amount is asked of `fixed_amount` for every region and side of retirement age; an income
share is the rule's rate as an exact fraction), and a property test holds the two equal.

Amounts are whole đồng, integers on both databases; a non-negative n/d rounded halves up
is the integer division (2n + d) / 2d, as `rules.rounded` does with decimals.
"""

import dataclasses
import datetime as dt
from fractions import Fraction

from dangvu.dues.rules import PARTY_AGE, Basis, Category, Region, ReliefKind
from dangvu.dues.rulesets import Dues342

# The first day never reached by a party-age start: no exemption by party age.
NEVER = dt.date(1, 1, 1)


@dataclasses.dataclass(frozen=True)
class Columns:
    """The SQL of the basis's fields, the decision's (NULL without one), the member's
    party-age start and the day on or before which that start exempts (`age_cutoff`)."""

    category: str
    income: str
    region: str
    past_retirement_age: str
    relief_kind: str
    relief_ground: str
    relief_percent: str
    age_start: str
    age_cutoff: str


def age_cutoff(rules: Dues342, month: dt.date) -> dt.date:
    """The latest party-age start that the rules exempt in MONTH (its first day), or NEVER:
    completed years on the month's first day reach `exempt_party_age_years` exactly when
    the start is on or before the same day that many years earlier."""
    years = rules.exempt_party_age_years
    return NEVER if years is None else month.replace(day=1, year=month.year - years)


def _literal(code: str) -> str:
    if not code.replace("_", "").isalnum():
        raise ValueError(code)
    return f"'{code}'"


def _rounded(numerator: str, denominator: int, unit: int) -> str:
    """NUMERATOR / DENOMINATOR đồng (non-negative) to the nearest UNIT, halves up."""
    scale = denominator * unit
    return f"(((2 * ({numerator}) + {scale}) / {2 * scale}) * {unit})"


def _fixed(rules: Dues342, category: str, c: Columns) -> str:
    """The category's fixed amount, asked of the rules for each region and age side."""
    amounts = {
        (region, past): rules.fixed_amount(Basis(category, None, region, past))
        for region in (None, *Region.values)
        for past in (False, True)
    }
    if len(set(amounts.values())) == 1:
        return str(next(iter(amounts.values())))
    whens = []
    for region in (None, *Region.values):
        test = f"{c.region} IS NULL" if region is None else f"{c.region} = {int(region)}"
        young, old = amounts[(region, False)], amounts[(region, True)]
        value = str(young) if young == old else (
            f"CASE WHEN {c.past_retirement_age} THEN {old} ELSE {young} END"
        )  # fmt: skip
        whens.append(f"WHEN {test} THEN {value}")
    return f"CASE {' '.join(whens)} ELSE 0 END"


def full_sql(rules: Dues342, c: Columns) -> str:
    """`rules.full_amount` of the basis: before any exemption or reduction."""
    whens = []
    for category in Category.values:
        if category in rules.income_rates:
            rate = Fraction(rules.income_rates[category]) / 100
            share = f"{rate.numerator} * COALESCE({c.income}, 0)"
            amount = _rounded(share, rate.denominator, rules.rounding_unit)
        else:
            try:
                amount = _fixed(rules, category, c)
            except KeyError:  # a category this period does not know owes nothing
                continue
        whens.append(f"WHEN {_literal(category)} THEN {amount}")
    return f"CASE {c.category} {' '.join(whens)} ELSE 0 END"


def exempt_by_age_sql(rules: Dues342, c: Columns) -> str | None:
    if rules.exempt_party_age_years is None:
        return None
    return f"{c.age_start} <= {c.age_cutoff}"


def exempt_flag_sql(rules: Dues342, c: Columns) -> str | None:
    """1 where the rules exempt by party age, else 0 (a NULL start too, as in `owed_sql`);
    None where this period exempts nobody by party age."""
    exempt = exempt_by_age_sql(rules, c)
    return None if exempt is None else f"(CASE WHEN {exempt} THEN 1 ELSE 0 END)"


def owed_sql(rules: Dues342, c: Columns, full: str) -> str:
    """`rules.owed(...).amount`, given FULL, the SQL of the full amount (a column, so that
    it is computed once)."""
    whens = []
    if (exempt := exempt_by_age_sql(rules, c)) is not None:
        whens.append(f"WHEN {exempt} THEN 0")
    kept = f"(100 - {c.relief_percent}) * ({full})"
    whens += [
        f"WHEN {c.relief_kind} = {_literal(ReliefKind.EXEMPT)} THEN 0",
        f"WHEN {c.relief_kind} = {_literal(ReliefKind.REDUCED)} "
        f"THEN {_rounded(kept, 100, rules.rounding_unit)}",
    ]
    return f"CASE {' '.join(whens)} ELSE {full} END"


def relief_sql(rules: Dues342, c: Columns) -> str:
    """`rules.owed(...).relief`: why less than the basis gives, or ''."""
    whens = []
    if (exempt := exempt_by_age_sql(rules, c)) is not None:
        whens.append(f"WHEN {exempt} THEN {_literal(PARTY_AGE)}")
    whens.append(f"WHEN {c.relief_kind} IS NOT NULL THEN {c.relief_ground}")
    return f"CASE {' '.join(whens)} ELSE '' END"
