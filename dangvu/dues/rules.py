"""Đảng phí as the rules see it: who pays on what basis, exemptions and reductions, and the
split of what a cell collects between the levels above it. Plain values in and out; the
numbers of each regulation period live in `dues.rulesets`.

Amounts are whole đồng (`int`); percentages are `Decimal` so that 0.5% stays exact.
"""

import dataclasses
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Đối tượng đóng đảng phí: what the month's amount is computed from."""

    SALARY_STATE = "SALARY_STATE", _("Hưởng lương ở cơ quan đảng, nhà nước, đoàn thể, LLVT")
    SALARY_ENTERPRISE = "SALARY_ENTERPRISE", _("Hưởng lương ở doanh nghiệp, đơn vị sự nghiệp")
    BENEFIT = "BENEFIT", _("Hưởng trợ cấp ốm đau, thai sản")
    PENSION = "PENSION", _("Hưởng lương hưu")
    STUDENT = "STUDENT", _("Học sinh, sinh viên")
    OTHER = "OTHER", _("Không đóng bảo hiểm xã hội bắt buộc, không có lương hưu")


# Categories whose amount is a share of the member's own income (căn cứ tính).
INCOME_CATEGORIES = (
    Category.SALARY_STATE,
    Category.SALARY_ENTERPRISE,
    Category.BENEFIT,
    Category.PENSION,
)


class ReliefKind(models.TextChoices):
    EXEMPT = "EXEMPT", _("Miễn đóng")
    REDUCED = "REDUCED", _("Giảm mức đóng")


class ReliefGround(models.TextChoices):
    """Why a member is exempt or pays less; which grounds a period knows is its rule set's."""

    SOCIAL_PENSION = "SOCIAL_PENSION", _("Hưởng trợ cấp hưu trí xã hội")
    POOR_HOUSEHOLD = "POOR_HOUSEHOLD", _("Hộ nghèo, hộ cận nghèo")
    GRAVE_ILLNESS = "GRAVE_ILLNESS", _("Mắc bệnh hiểm nghèo")
    HARDSHIP = "HARDSHIP", _("Khó khăn về kinh tế, đời sống")


class Region(models.IntegerChoices):
    """Vùng lương tối thiểu (minimum-wage region) where the member is active."""

    I = 1, _("Vùng I")  # noqa: E741 (the regions' own numerals)
    II = 2, _("Vùng II")
    III = 3, _("Vùng III")
    IV = 4, _("Vùng IV")


@dataclasses.dataclass(frozen=True)
class Basis:
    """A member's dues basis for one month: CATEGORY; INCOME, the month's căn cứ tính in
    đồng for the income categories; REGION and PAST_RETIREMENT_AGE for the others."""

    category: str
    income: int | None = None
    region: int | None = None
    past_retirement_age: bool = False


@dataclasses.dataclass(frozen=True)
class Relief:
    """An exemption or a reduction decided for the month: KIND, GROUND and, for a
    reduction, PERCENT off the amount."""

    kind: str
    ground: str
    percent: int = 0


@dataclasses.dataclass(frozen=True)
class Owed:
    """The month's amount, and why it is less than the basis gives (an exemption's or a
    reduction's ground, or PARTY_AGE), or "" when nothing reduced it."""

    amount: int
    full: int
    relief: str = ""

    @property
    def exempt(self) -> bool:
        return self.full > 0 and self.amount == 0


PARTY_AGE = "PARTY_AGE"  # the relief of a member exempt by party age


def rounded(amount: Decimal, unit: int) -> int:
    """AMOUNT to the nearest multiple of UNIT đồng, halves up."""
    return int((amount / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * unit


@dataclasses.dataclass(frozen=True)
class LevelShare:
    """What one level of a cell's chain did with the money that reached it: RECEIVED,
    KEPT, and REMITTED to the level above (outside the tree at the top)."""

    org_id: int
    received: int
    kept: int
    remitted: int


def split(collected: int, chain: Sequence[tuple[int, Decimal]]) -> list[LevelShare]:
    """COLLECTED, taken in at a cell, shared up its CHAIN: (org id, share) from the cell to
    the top, where share is the part of what reaches that level that stays there. Each
    level's kept is rounded to the đồng; its remitted is the rest, so kept + remitted is
    what it received and the next level receives exactly what was remitted."""
    shares, received = [], collected
    for org_id, share in chain:
        kept = min(received, max(0, rounded(received * share, 1)))
        shares.append(LevelShare(org_id, received, kept, received - kept))
        received -= kept
    return shares
