"""Rule sets of the retirement age in normal working conditions (tuổi nghỉ hưu), which the
party's rules lean on: a member who retires leaves their agency's chi bộ for the party
organization where they live, and from 1/2/2026 the dues of a member with neither
insurance nor pension depend on whether they are past it (Quy định 01-QĐ/TW).

The chain: Bộ luật Lao động 1994 Điều 145 and 2012 Điều 187 (60 for men, 55 for women) →
Bộ luật Lao động 2019 Điều 169 khoản 2 with Nghị định 135/2020/NĐ-CP Điều 4 and its
Phụ lục I, from 1/1/2021: 60 years 3 months for men and 55 years 4 months for women, then 3
more months (men) and 4 more months (women) each year, up to 62 for men (from 2028) and 60
for women (from 2035). The age that applies is the one of the year in which it is reached;
retirement falls at the end of the month the age is reached (Nghị định 135/2020 Điều 4).
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from django.utils.translation import gettext_lazy as _

from dangvu.common.months import add_months
from dangvu.common.rulesets import RuleSet, Topic

MALE = "M"  # members.models.Gender.MALE: rule sets work on plain data, not models


@dataclass(frozen=True, eq=False)
class RetirementRules(RuleSet):
    """Bộ luật Lao động 1994 and 2012: a fixed age."""

    valid_from: ClassVar[dt.date] = dt.date(1995, 1, 1)
    valid_to: ClassVar[dt.date | None] = dt.date(2021, 1, 1)
    regulation: ClassVar[str] = "Bộ luật Lao động 1994 Điều 145; Bộ luật Lao động 2012 Điều 187"

    men_months: int = 60 * 12
    women_months: int = 55 * 12

    def age_months(self, gender: str, year: int) -> int:
        """The retirement age, in months, of a person of GENDER who reaches it in YEAR."""
        return self.men_months if gender == MALE else self.women_months


@dataclass(frozen=True, eq=False)
class Retirement2019(RetirementRules):
    """Bộ luật Lao động 2019: the roadmap from 2021."""

    valid_from: ClassVar[dt.date] = dt.date(2021, 1, 1)
    valid_to: ClassVar[dt.date | None] = None
    regulation: ClassVar[str] = (
        "Bộ luật Lao động 2019 Điều 169 khoản 2; Nghị định 135/2020/NĐ-CP Điều 4, Phụ lục I"
    )

    men_step_months: int = 3
    women_step_months: int = 4
    men_final_months: int = 62 * 12
    women_final_months: int = 60 * 12

    def age_months(self, gender: str, year: int) -> int:
        steps = year - self.valid_from.year + 1
        if gender == MALE:
            return min(self.men_months + self.men_step_months * steps, self.men_final_months)
        return min(self.women_months + self.women_step_months * steps, self.women_final_months)


RETIREMENT: Topic[RetirementRules] = Topic(
    "retirement", _("Tuổi nghỉ hưu"), [RetirementRules(), Retirement2019()]
)


def retirement_date(birth_date: dt.date, gender: str) -> dt.date:
    """The last day of the month in which a person born on BIRTH_DATE, of GENDER ("M" or
    "F"), reaches the retirement age of the year they reach it. Before 1995 the ages of
    1995 apply: they had held since the 1960s."""
    youngest = RETIREMENT.periods[0].age_months(gender, year=0)  # no age was ever lower
    year = birth_date.year + youngest // 12
    while True:
        rules = RETIREMENT.on(max(dt.date(year, 1, 1), RETIREMENT.starts))
        reached = add_months(birth_date, rules.age_months(gender, year))
        if reached.year <= year:
            return reached.replace(day=calendar.monthrange(reached.year, reached.month)[1])
        year += 1
