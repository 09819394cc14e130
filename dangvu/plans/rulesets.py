"""Rule sets of plans and meetings (docs/rules.md, "Plans and meetings"): how often a cell
meets, and when a target counts as at risk.

One period, from the Charter adopted at Đại hội XI (19/1/2011), whose Điều 24 says "chi bộ,
chi ủy họp thường lệ mỗi tháng một lần". When a target is at risk is no regulation's: it is
the software's reading of "on track", a setting whose confidence says so."""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from django.utils.translation import gettext_lazy

from dangvu.common.rulesets import RuleSet, Topic, setting


@dataclass(frozen=True, eq=False)
class PlansRules(RuleSet):
    """Điều lệ Đảng (2011) Điều 24.2: a cell and its committee meet once a month."""

    valid_from: ClassVar[dt.date] = dt.date(2011, 1, 19)
    valid_to: ClassVar[dt.date | None] = None
    regulation: ClassVar[str] = "Điều lệ Đảng (2011) Điều 24"

    # Regular cell meetings a month; a cell "holds its monthly meetings" in a month with
    # at least this many.
    cell_meetings_a_month: int = setting(
        1, source="Điều lệ Đảng (2011) Điều 24.2", confidence="HIGH"
    )
    # A target is at risk when its value falls below the expected one by more than this
    # share (a count prorated to the year gone, a share the goal itself).
    at_risk_tolerance: Fraction = setting(
        Fraction(1, 10),
        source="No regulation: the software's reading of 'on track'",
        confidence="GAP",
    )


PLANS: Topic[PlansRules] = Topic(
    "plans", gettext_lazy("kế hoạch, hội nghị và sinh hoạt chi bộ"), [PlansRules()]
)
