"""What the evaluation rules read and answer: plain values, no database, no clock.

A rule set (`evaluation.rulesets`) checks a list of `Subject`s (organizations and members,
each with the level proposed or decided for it, its score where the year's rules score,
and the `Facts` the caps read) and answers a `Check`: the highest level each subject may
get with the reasons, every violation with its Vietnamese reason citing the rule, and the
HTXSNV quota of each quota group (the members of one TCCSĐ, the TCCSĐ of one committee).
"""

import dataclasses
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# The four levels, best first (Điều 12 Quy định 124-QĐ/TW; Điều 11 Quy định 366-QĐ/TW).
EXCELLENT, GOOD, DONE, FAILED = "HTXSNV", "HTTNV", "HTNV", "KHTNV"
LEVELS = (EXCELLENT, GOOD, DONE, FAILED)

# What is rated.
ORG, MEMBER = "org", "member"


_RANKS = {level: position for position, level in enumerate(LEVELS)}


def rank(level: str) -> int:
    """0 for the best level, 3 for the worst."""
    try:
        return _RANKS[level]
    except KeyError:
        raise ValueError(f"{level!r} is not a level") from None


def worse(first: str, second: str) -> str:
    """The lower of two levels."""
    return max(first, second, key=rank)


@dataclass(frozen=True)
class Facts:
    """What the caps read about one subject in the evaluation year. DISCIPLINED: the subject
    (a member, or the collective) was disciplined in the year; SELF_CORRECTED: and had found
    and fixed the fault itself. LEADERSHIP_DISCIPLINED: a collective's leadership, or one of
    its leaders, was disciplined. TARGETS and TASKS count the year's targets (met) and tasks
    (done, exceeded); None where nobody has recorded them. LOWER_LEVELS counts the levels
    of the subordinate organizations (or, for a cell, its members); LOWER_UNITS and
    LOWER_UNITS_DISCIPLINED count the subordinate organizations."""

    disciplined: bool = False
    self_corrected: bool = False
    leadership_disciplined: bool = False
    targets_total: int | None = None
    targets_met: int | None = None
    tasks_total: int | None = None
    tasks_done: int | None = None
    tasks_exceeded: int | None = None
    lower_levels: Mapping[str, int] = field(default_factory=dict)
    lower_units: int = 0
    lower_units_disciplined: int = 0

    def merged(self, **known: Any) -> "Facts":
        """These facts with KNOWN (a provider's findings) replacing the recorded ones;
        a provider's None leaves the recorded value."""
        found = {k: v for k, v in known.items() if v is not None}
        # Most subjects have no provider's findings: the live check builds hundreds a keystroke.
        return dataclasses.replace(self, **found) if found else self


@dataclass(frozen=True)
class Subject:
    """One organization or member in a check. GROUP is the quota group it counts in and
    GROUP_LABEL names it in messages; OVERRIDE, when not blank, is the recorded reason for
    keeping a LEVEL the rules refuse."""

    key: Hashable
    kind: str
    label: str
    group: Hashable
    group_label: str
    level: str | None
    score: Decimal | None = None
    facts: Facts = Facts()
    override: str = ""


@dataclass(frozen=True)
class Ceiling:
    """The highest LEVEL a subject may get, and why it is not higher."""

    level: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Violation:
    """A level the rules refuse. KEY names the subject (None for a quota, which belongs to
    its GROUP); RULE is a stable code; OVERRIDDEN when the subject's override covers it."""

    rule: str
    message: str
    key: Hashable | None
    group: Hashable
    overridden: bool = False


@dataclass(frozen=True)
class Quota:
    """The HTXSNV quota of one group: at most ALLOWED, USED by ratings without an override;
    OVERRIDDEN more are kept against it by recorded decisions."""

    allowed: int
    used: int
    overridden: int

    @property
    def remaining(self) -> int:
        return self.allowed - self.used


@dataclass(frozen=True)
class Check:
    violations: tuple[Violation, ...]
    ceilings: Mapping[Hashable, Ceiling]
    quotas: Mapping[Hashable, Quota]

    @property
    def blocking(self) -> tuple[Violation, ...]:
        """The violations no override covers: a proposal or decision with any is refused."""
        return tuple(v for v in self.violations if not v.overridden)

    def of(self, key: Hashable) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.key == key)
