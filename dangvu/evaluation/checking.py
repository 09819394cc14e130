"""The check of ratings against their year's rules: what the entry screens show while
people type, and what the services refuse."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from dangvu.evaluation.facts import step_of, subjects
from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.evaluation.rules import EXCELLENT, Check, Violation
from dangvu.evaluation.rulesets import Rules132, rules_for_year


@dataclass(frozen=True)
class GroupCheck:
    """RATINGS' check at STEP, and which of its violations CHANGED (the ratings a save
    writes) would leave standing: their own, and a quota their HTXSNV without override
    helps break. Lowering a level is always allowed."""

    rules: Rules132
    step: str
    check: Check
    blocking: tuple[Violation, ...]


def round_rules(round_: Round) -> Rules132:
    return rules_for_year(round_.year)


def group_of(rating: Rating) -> tuple[int, str]:
    """The quota group RATING counts in: who decides it, and whether a member or not."""
    return (rating.decider_id, rating.kind)


def ratings_check(
    round_: Round, ratings: Sequence[Rating], *, changed: Collection[int], stage: str
) -> GroupCheck:
    """Check RATINGS (whole quota groups, with unsaved edits applied) at STAGE's step.
    Self-assessments are recorded as given: only proposals and decisions are refused."""
    rules = round_rules(round_)
    step = step_of(stage)
    found = subjects(round_, ratings, step)
    check = rules.check(found)
    if step == Stage.SELF:
        return GroupCheck(rules, step, check, ())
    excellent_groups = {
        s.group
        for s in found
        if s.key in changed and s.level == EXCELLENT and not s.override.strip()
    }
    blocking = tuple(
        v
        for v in check.blocking
        if (v.key is not None and v.key in changed)
        or (v.key is None and v.group in excellent_groups)
    )
    return GroupCheck(rules, step, check, blocking)
