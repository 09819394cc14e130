"""The members' rule sets, one module per topic; importing this package registers them."""

from dangvu.members.rulesets.badges import BADGES
from dangvu.members.rulesets.lifecycle import LIFECYCLE

__all__ = ["BADGES", "LIFECYCLE"]
