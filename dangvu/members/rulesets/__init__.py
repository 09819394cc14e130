"""The members' rule sets, one module per topic; importing this package registers them."""

from dangvu.members.rulesets.badges import BADGES
from dangvu.members.rulesets.lifecycle import LIFECYCLE
from dangvu.members.rulesets.retirement import RETIREMENT, retirement_date

__all__ = ["BADGES", "LIFECYCLE", "RETIREMENT", "retirement_date"]
