"""Rule sets of đảng phí (party dues): what each category owes a month, exemptions and
reductions, rounding, arrears, and the shares kept at each level (docs/rules.md, "Dues").

The chain, keyed by the month the dues are for (its first day picks the rule set):
Quyết định 342-QĐ/TW (28/12/2010) with Công văn 141-CV/VPTW/nb (17/3/2011), until
31/1/2026 → Quy định 01-QĐ/TW (3/2/2026, in force from 1/2/2026) → the same from 1/1/2028,
when its shares of the regional minimum wage rise. Each period restates only what its
regulation changed; what a period carries over without a text that says so is a setting.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common.rulesets import RuleSet, SettingSource, Topic, setting
from dangvu.dues.rules import (
    PARTY_AGE,
    Basis,
    Category,
    Owed,
    Relief,
    ReliefGround,
    ReliefKind,
    rounded,
)

# Organization kinds, as `organizations.models.OrgKind` spells them (rules take plain values).
UPPER, GR_COMMITTEE, GR_CELL, SUB_COMMITTEE, CELL = (
    "UPPER",
    "GR_COMMITTEE",
    "GR_CELL",
    "SUB_COMMITTEE",
    "CELL",
)
GRASSROOTS = (GR_COMMITTEE, GR_CELL)

_SHARES_GAP = SettingSource(
    "Quy định 01-QĐ/TW: no text found on the shares each level keeps; Quyết định "
    "342-QĐ/TW's are kept",
    "GAP",
)
_PERCENT = Decimal("0.01")


@dataclass(frozen=True, eq=False)
class Dues342(RuleSet):
    """Quyết định 342-QĐ/TW (28/12/2010) and Công văn 141-CV/VPTW/nb (17/3/2011): 1% of
    salary and allowances, 0.5% of the pension (HIGH); fixed amounts for the others (GAP)."""

    valid_from: ClassVar[dt.date] = dt.date(2011, 1, 1)
    valid_to: ClassVar[dt.date | None] = dt.date(2026, 2, 1)
    regulation: ClassVar[str] = "Quyết định 342-QĐ/TW; Công văn 141-CV/VPTW/nb"

    # Percent of the income basis, per category (Quyết định 342-QĐ/TW mục 1).
    income_rates: Mapping[str, Decimal] = setting(
        factory=lambda: {
            Category.SALARY_STATE: Decimal(1),
            Category.SALARY_ENTERPRISE: Decimal(1),
            Category.BENEFIT: Decimal(1),
            Category.PENSION: Decimal("0.5"),
        },
        source=(
            "Quyết định 342-QĐ/TW: 1% of salary and allowances (state bodies, armed "
            "forces), 1% of salary and income from the wage fund (enterprises, public "
            "service units), 0.5% of the pension (thukyluat, hieuluat); 1% of sickness or "
            "maternity benefit is assumed from Quy định 01-QĐ/TW"
        ),
        confidence="MED",
    )
    # Đồng a month for members whose income is not the basis (students, the others).
    fixed_amounts: Mapping[str, int] = setting(
        factory=lambda: {Category.STUDENT: 2000, Category.OTHER: 2000},
        source="no text found for Quyết định 342-QĐ/TW's fixed amounts; 2,000 đ a month "
        "is the minimum as recalled, not verified",
        confidence="GAP",
    )
    rounding_unit: int = setting(
        1,
        source="no rounding rule found in Quyết định 342-QĐ/TW; whole đồng, halves up",
        confidence="GAP",
    )
    # Who may be exempt or pay less by a decision, and the reductions allowed (None: any).
    relief_grounds: tuple[str, ...] = (ReliefGround.HARDSHIP,)
    reduction_percents: tuple[int, ...] | None = setting(
        None,
        source="Quyết định 342-QĐ/TW: members in economic hardship may be exempted or pay "
        "less on the đảng ủy cơ sở's decision; no rates are set",
        confidence="MED",
    )
    relief_max_months: int | None = None
    # Exempt from the month in which this many years of party age are complete (None: no).
    exempt_party_age_years: int | None = None
    # Months unpaid in a calendar year that put a member on the list for removal (Điều lệ
    # Đảng Điều 8: không đóng đảng phí ba tháng trong năm mà không có lý do chính đáng).
    arrears_months: int = 3
    # How many months ahead a payment may be recorded.
    advance_months: int = setting(
        12,
        source="no text found on paying ahead under Quyết định 342-QĐ/TW; one year allowed",
        confidence="GAP",
    )
    # Shares kept, as a fraction of what the level's subtree collected (Công văn
    # 141-CV/VPTW/nb, tintuc.thuvienphapluat.com): a chi bộ trực thuộc 30–50%, the TCCSĐ
    # (cơ quan, doanh nghiệp) with its cells 70%; each cấp trên cơ sở half of what reaches it.
    cell_keeps: Decimal = setting(
        Decimal("0.30"),
        source="Công văn 141-CV/VPTW/nb: a chi bộ trực thuộc đảng bộ cơ sở keeps 30–50%, as "
        "its đảng ủy cơ sở decides; the lowest is the default",
        confidence="MED",
    )
    sub_committee_keeps: Decimal = setting(
        Decimal(0),
        source="no share found for a đảng bộ bộ phận; it passes everything on",
        confidence="GAP",
    )
    grassroots_keeps: Decimal = Decimal("0.70")
    upper_keeps: Decimal = Decimal("0.50")

    # What a month owes -------------------------------------------------------------------

    def full_amount(self, basis: Basis) -> int:
        """The month's amount before any exemption or reduction."""
        if basis.category in self.income_rates:
            rate = self.income_rates[basis.category]
            return rounded(Decimal(basis.income or 0) * rate * _PERCENT, self.rounding_unit)
        return self.fixed_amount(basis)

    def fixed_amount(self, basis: Basis) -> int:
        return self.fixed_amounts[basis.category]

    def owed(self, basis: Basis, *, relief: Relief | None, party_age_years: int) -> Owed:
        """What a member on BASIS owes for the month, after an exemption by party age or a
        decision's RELIEF."""
        full = self.full_amount(basis)
        if self.exempt_by_party_age(party_age_years):
            return Owed(0, full, PARTY_AGE)
        if relief is None:
            return Owed(full, full)
        if relief.kind == ReliefKind.EXEMPT:
            return Owed(0, full, relief.ground)
        reduced = Decimal(full) * (100 - relief.percent) * _PERCENT
        return Owed(min(full, rounded(reduced, self.rounding_unit)), full, relief.ground)

    def basis_problems(self, basis: Basis) -> dict[str, str]:
        """What BASIS lacks for this period's amount, by field."""
        if basis.category in self.income_rates and not basis.income:
            return {"income": _("Ghi căn cứ tính (thu nhập tháng, đồng) của đối tượng này.")}
        return {}

    # Exemptions and reductions -----------------------------------------------------------

    def exempt_by_party_age(self, party_age_years: int) -> bool:
        years = self.exempt_party_age_years
        return years is not None and party_age_years >= years

    def relief_problems(self, relief: Relief, months: int | None) -> list[str]:
        """Why the rules refuse RELIEF lasting MONTHS (None: open-ended), or []."""
        problems = []
        if relief.ground not in self.relief_grounds:
            problems.append(
                _("Căn cứ miễn, giảm này không áp dụng theo %(regulation)s.")
                % {"regulation": self.regulation}
            )
        if relief.kind == ReliefKind.REDUCED:
            allowed = self.reduction_percents
            if allowed is not None and relief.percent not in allowed:
                problems.append(
                    _("Mức giảm phải là một trong: %(allowed)s.")
                    % {"allowed": ", ".join(f"{p}%" for p in allowed)}
                )
            elif not 0 < relief.percent < 100:
                problems.append(_("Mức giảm phải lớn hơn 0% và nhỏ hơn 100%."))
        limit = self.relief_max_months
        if limit is not None and (months is None or months > limit):
            problems.append(
                _("Mỗi quyết định miễn, giảm đảng phí không quá %(months)s tháng.")
                % {"months": limit}
            )
        return problems

    # Arrears and payments ----------------------------------------------------------------

    def in_arrears(self, unpaid_months: int) -> bool:
        return unpaid_months >= self.arrears_months

    def arrears_text(self, unpaid_months: int) -> str:
        return _(
            "%(unpaid)s tháng chưa đóng đảng phí trong năm (từ %(limit)s tháng: xem xét xóa tên)"
        ) % {
            "unpaid": unpaid_months,
            "limit": self.arrears_months,
        }

    def too_far_ahead(self) -> str:
        return _("Chỉ ghi nộp trước tối đa %(months)s tháng.") % {"months": self.advance_months}

    # Shares kept at each level -----------------------------------------------------------

    def chain_shares(self, chain: Sequence[tuple[int, str]]) -> list[tuple[int, Decimal]]:
        """For CHAIN, (org id, kind) from a member's cell to the top, the part of what
        reaches each level that it keeps: a cell and a đảng bộ bộ phận their share of what
        was collected; the TCCSĐ what makes its subtree keep `grassroots_keeps` in all; each
        level above its `upper_keeps`. `dues.rules.split` applies them."""
        shares, kept_below = [], Decimal(0)  # fractions of what the cell collected
        for org_id, kind in chain:
            reaching = 1 - kept_below
            if kind in GRASSROOTS:
                part = max(Decimal(0), self.grassroots_keeps - kept_below)
            elif kind == UPPER:
                part = reaching * self.upper_keeps
            elif kind == CELL:
                part = self.cell_keeps
            else:
                part = self.sub_committee_keeps
            part = min(part, reaching)
            shares.append((org_id, part / reaching if reaching else Decimal(0)))
            kept_below += part
        return shares


@dataclass(frozen=True, eq=False)
class Dues01(Dues342):
    """Quy định 01-QĐ/TW (3/2/2026), in force from 1/2/2026: 1% of the previous month's
    insured salary or of the sickness or maternity benefit, 0.5% of the pension, a fixed
    amount for pupils and students, a share of the regional minimum wage for the others;
    exempt from 50 years of party age; reductions of 30, 50 or 70% (HIGH)."""

    valid_from: ClassVar[dt.date] = dt.date(2026, 2, 1)
    valid_to: ClassVar[dt.date | None] = dt.date(2028, 1, 1)
    regulation: ClassVar[str] = "Quy định 01-QĐ/TW"
    uncertain: ClassVar[Mapping[str, SettingSource]] = {
        "cell_keeps": _SHARES_GAP,
        "sub_committee_keeps": _SHARES_GAP,
        "grassroots_keeps": _SHARES_GAP,
        "upper_keeps": _SHARES_GAP,
    }

    income_rates: Mapping[str, Decimal] = field(
        default_factory=lambda: {
            Category.SALARY_STATE: Decimal(1),
            Category.SALARY_ENTERPRISE: Decimal(1),
            Category.BENEFIT: Decimal(1),
            Category.PENSION: Decimal("0.5"),
        }
    )
    fixed_amounts: Mapping[str, int] = field(default_factory=lambda: {Category.STUDENT: 5000})
    # Percent of the regional minimum wage for members with neither compulsory social
    # insurance nor a pension: (below retirement age, at or above it).
    minimum_wage_rates: tuple[Decimal, Decimal] = (Decimal("0.3"), Decimal("0.2"))
    # Đồng a month by region (Vùng I–IV).
    minimum_wages: Mapping[int, int] = setting(
        factory=lambda: {1: 5_310_000, 2: 4_730_000, 3: 4_140_000, 4: 3_700_000},
        source="Nghị định 293/2025/NĐ-CP, from 1/1/2026, as reported; a new decree changes it",
        confidence="MED",
    )
    rounding_unit: int = setting(
        1,
        source="no rounding rule found in the excerpts of Quy định 01-QĐ/TW; whole đồng, halves up",
        confidence="GAP",
    )
    relief_grounds: tuple[str, ...] = (
        ReliefGround.SOCIAL_PENSION,
        ReliefGround.POOR_HOUSEHOLD,
        ReliefGround.GRAVE_ILLNESS,
        ReliefGround.HARDSHIP,
    )
    reduction_percents: tuple[int, ...] | None = (30, 50, 70)
    # At most this many months a decision, for members in other hardship (Điều 5).
    relief_max_months: int | None = 12
    exempt_party_age_years: int | None = 50
    advance_months: int = setting(
        12,
        source="Quy định 01-QĐ/TW lets members on tạm miễn sinh hoạt pay ahead for their "
        "exemption; no limit found for others; one year allowed",
        confidence="GAP",
    )

    def fixed_amount(self, basis: Basis) -> int:
        if basis.category != Category.OTHER:
            return super().fixed_amount(basis)
        if basis.region is None:
            return 0
        rate = self.minimum_wage_rates[1 if basis.past_retirement_age else 0]
        wage = Decimal(self.minimum_wages[basis.region])
        return rounded(wage * rate * _PERCENT, self.rounding_unit)

    def basis_problems(self, basis: Basis) -> dict[str, str]:
        if basis.category == Category.OTHER and basis.region is None:
            return {"region": _("Ghi vùng lương tối thiểu nơi đảng viên sinh hoạt.")}
        return super().basis_problems(basis)

    def relief_problems(self, relief: Relief, months: int | None) -> list[str]:
        # The 12-month limit is for decisions on other hardship; the other grounds last as
        # long as the member's situation.
        limit = self.relief_max_months if relief.ground == ReliefGround.HARDSHIP else None
        return Dues342.relief_problems(replace(self, relief_max_months=limit), relief, months)


@dataclass(frozen=True, eq=False)
class Dues01From2028(Dues01):
    """Quy định 01-QĐ/TW from 1/1/2028: the shares of the regional minimum wage rise to
    0.5% below retirement age and 0.3% at or above it (HIGH)."""

    valid_from: ClassVar[dt.date] = dt.date(2028, 1, 1)
    valid_to: ClassVar[dt.date | None] = None
    regulation: ClassVar[str] = "Quy định 01-QĐ/TW (từ 01/01/2028)"

    minimum_wage_rates: tuple[Decimal, Decimal] = (Decimal("0.5"), Decimal("0.3"))


DUES: Topic[Dues342] = Topic(
    "dues", gettext_lazy("đảng phí"), [Dues342(), Dues01(), Dues01From2028()]
)


def month_rules(month: dt.date) -> Dues342:
    """The rule set of the month MONTH (any day of it): the one in force on its first day."""
    return DUES.on(month.replace(day=1))
