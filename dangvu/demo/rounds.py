"""The demo's evaluation rounds, built through the evaluation services like user data.

2021: the Bloc under Quy định 132, decisions only (no self-assessment or proposal is
recorded: each would be one more save of the whole round), exactly 17 TCCSĐ rated HTXSNV and
commended. 2024: the Bloc under Quy định 124, with members disciplined in the year (capped
at KHTNV unless they corrected it themselves) and one TCCSĐ kept HTXSNV by a recorded
override. 2025: the Provincial People's Committee's committee, formed in the February 2025
reorganization, under Quy định 366 with scores. In 2024 and 2025 the secretary's TCCSĐ also
has its self-assessments and proposals, so the demo shows every step somewhere.

Levels are drawn bottom-up (members, then cells, then the organizations above them), each
within the ceiling the year's rule set gives it, then trimmed to each group's HTXSNV quota:
the rule set decides, this module only draws. Each step is one `ratings_save` of the whole
round: a save per quota group made the demo several times slower.
"""

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from dangvu.demo.discipline import Disciplined, disciplined_in
from dangvu.evaluation.models import Rating, Round
from dangvu.evaluation.rules import DONE, EXCELLENT, GOOD, LEVELS, Facts, Subject, worse
from dangvu.evaluation.rulesets import Rules132, Rules366, rules_for_year
from dangvu.evaluation.services import (
    RatingChange,
    commendations_decide,
    ratings_save,
    round_advance,
    round_open,
)
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgUnit

COMMENDED_2021 = 17  # the reference story's TCCSĐ "trong sạch, vững mạnh tiêu biểu" of 2021
COMMENDED_ON = dt.date(2022, 2, 18)
OVERRIDE_2024 = (
    "Ban Thường vụ Đảng ủy Khối giữ mức hoàn thành xuất sắc nhiệm vụ: đơn vị dẫn đầu phong "
    "trào thi đua năm 2024, được Thủ tướng Chính phủ tặng Bằng khen; các chi bộ chưa đạt "
    "đã được kiểm điểm, có kế hoạch khắc phục."
)

# The share of each level drawn, best first, before ceilings and quotas.
_MEMBER_LEVELS = (0.12, 0.70, 0.17, 0.01)
_ORG_LEVELS = (0.15, 0.70, 0.14, 0.01)
_GRASSROOTS_LEVELS = (0.0, 0.88, 0.11, 0.01)  # the HTXSNV TCCSĐ are chosen, not drawn


@dataclass(frozen=True)
class RoundPlan:
    """YEAR's round of the committee coded COMMITTEE: opened on OPENED, moved to the
    decision step on DECIDING, closed on CLOSED. EXCELLENT TCCSĐ are rated HTXSNV (a scored
    year draws them by their scores instead); with OVERRIDE, one more is kept HTXSNV against
    its ceiling, for that reason. A DISCIPLINED share of the members were disciplined in the
    year, a third of whom found and fixed it themselves. With STEPS, the secretary's TCCSĐ
    records its self-assessments and proposals first."""

    committee: str
    year: int
    opened: dt.date
    deciding: dt.date
    closed: dt.date
    excellent: int = 0
    override: str = ""
    disciplined: float = 0.0  # the share of members disciplined in the year
    steps: bool = False


class Rated(NamedTuple):
    """What the demo reads of a rating (rows: a round holds thousands)."""

    pk: int
    kind: str
    org_id: int
    member_id: int | None
    parent_id: int
    unit_id: int
    decider_id: int
    label: str


@dataclass
class Draw:
    """What the demo decides for one rating, and the highest level its facts allow."""

    level: str
    score: Decimal | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    ceiling: str = EXCELLENT
    override: str = ""


class RoundBuilder:
    def __init__(self, *, seed: int, secretary_unit: OrgUnit) -> None:
        self.rng = random.Random(f"{seed}-rounds")  # apart from the registry's draws
        self.secretary_unit = secretary_unit

    def build(self, plan: RoundPlan) -> tuple[Round, list[int]]:
        """PLAN's round, decided and closed, and the ids of its HTXSNV TCCSĐ."""
        committee = OrgUnit.objects.get(code=plan.committee)
        round_ = round_open(actor=OPERATOR, committee=committee, year=plan.year, today=plan.opened)
        rules = rules_for_year(plan.year)
        rows = Rating.objects.filter(round=round_).order_by("pk").values_list(*Rated._fields)
        ratings = [Rated(*row) for row in rows]
        grassroots = [r for r in ratings if r.kind == Rating.Kind.ORG and r.org_id == r.unit_id]
        draws = self._draws(plan, rules, ratings, {r.pk for r in grassroots},
                            disciplined_in(plan.year))  # fmt: skip
        self._choose(plan, [draws[r.pk] for r in grassroots])
        sample = [r for r in ratings if r.unit_id == self.secretary_unit.pk] if plan.steps else []
        # The TCCSĐ's own proposal is the committee's, made at its decision meeting.
        proposed = [r for r in sample if r.org_id != r.unit_id or r.kind != Rating.Kind.ORG]
        for step_ratings, moved_on in ((sample, plan.opened), (proposed, plan.deciding)):
            if step_ratings:
                _save(round_, step_ratings, draws)
            round_ = round_advance(actor=OPERATOR, round_=round_, today=moved_on)
        _save(round_, ratings, draws)
        round_ = round_advance(actor=OPERATOR, round_=round_, today=plan.closed)
        return round_, [r.pk for r in grassroots if draws[r.pk].level == EXCELLENT]

    # Drawing ------------------------------------------------------------------------------

    def _draws(
        self,
        plan: RoundPlan,
        rules: Rules132,
        ratings: list[Rated],
        grassroots: set[int],
        decided: Disciplined,
    ) -> dict[int, Draw]:
        """A level (and score) for every rating, bottom-up within its ceiling, then each
        group trimmed to its quota."""
        orgs = {r.org_id: r for r in ratings if r.kind == Rating.Kind.ORG}
        children: dict[int, list[Rated]] = defaultdict(list)
        for rating in ratings:
            if rating.kind == Rating.Kind.MEMBER or rating.parent_id in orgs:
                children[rating.parent_id].append(rating)
        draws: dict[int, Draw] = {}
        for rating in sorted(ratings, key=lambda r: -_depth(r, orgs)):
            draw = self._draw(rules, rating, rating.pk in grassroots, plan.disciplined)
            if rating.member_id in decided.members or (
                rating.kind == Rating.Kind.ORG and rating.org_id in decided.orgs
            ):
                # The discipline module tells the round so (`evaluation_facts`).
                draw.facts = {"disciplined": True, "self_corrected": False}
            lower = None
            if rating.kind == Rating.Kind.ORG:
                lower = Counter(draws[child.pk].level for child in children[rating.org_id])
            draw.ceiling = rules.ceiling(_subject(rating, draw, lower)).level
            draw.level = worse(draw.level, draw.ceiling)
            draws[rating.pk] = draw
        self._quotas(rules, ratings, draws)
        return draws

    def _draw(self, rules: Rules132, rating: Rated, grassroots: bool, disciplined: float) -> Draw:
        if isinstance(rules, Rules366):
            score = Decimal(min(99.5, max(45.0, self.rng.gauss(81, 7)))).quantize(Decimal("0.1"))
            level = rules.band(score)
            return Draw(level, score, _tasks(self.rng) if level == EXCELLENT else {})
        if rating.kind == Rating.Kind.MEMBER:
            shares = _MEMBER_LEVELS
        else:
            shares = _GRASSROOTS_LEVELS if grassroots else _ORG_LEVELS
        draw = Draw(self.rng.choices(LEVELS, weights=shares)[0])
        if rating.kind == Rating.Kind.MEMBER and self.rng.random() < disciplined:
            # HTNV at best; the cap makes it KHTNV unless they corrected it themselves.
            draw.level = worse(draw.level, DONE)
            draw.facts = {"disciplined": True, "self_corrected": self.rng.random() < 1 / 3}
        return draw

    def _quotas(self, rules: Rules132, ratings: list[Rated], draws: dict[int, Draw]) -> None:
        """Trim each group's HTXSNV to its quota."""
        groups: dict[tuple[int, str], list[Draw]] = defaultdict(list)
        for rating in ratings:
            groups[(rating.decider_id, rating.kind)].append(draws[rating.pk])
        for group in groups.values():
            excellent = [d for d in group if d.level == EXCELLENT]
            self.rng.shuffle(excellent)
            good = sum(1 for d in group if d.level == GOOD)
            while excellent and len(excellent) > rules.quota_allowed(good):
                draw = excellent.pop()
                draw.level, good = GOOD, good + 1
                if draw.score is not None:
                    draw.score = min(draw.score, Decimal("89.5"))

    def _choose(self, plan: RoundPlan, grassroots: list[Draw]) -> None:
        """Rate PLAN's EXCELLENT TCCSĐ HTXSNV among those whose subordinates allow it, and
        keep one more HTXSNV by PLAN's override."""
        eligible = [d for d in grassroots if d.ceiling == EXCELLENT]
        if len(eligible) < plan.excellent:
            raise RuntimeError(f"{len(eligible)} TCCSĐ may be rated HTXSNV, not {plan.excellent}")
        for draw in self.rng.sample(eligible, plan.excellent):
            draw.level = EXCELLENT
        if plan.override:
            capped = [d for d in grassroots if d.ceiling == GOOD and d.level == GOOD]
            kept = self.rng.choice(capped)
            kept.level, kept.override = EXCELLENT, plan.override


def _depth(rating: Rated, orgs: dict[int, Rated]) -> int:
    """How many rated organizations are above RATING (a member counts its cell)."""
    depth, parent = 0, rating.parent_id
    while parent in orgs:
        depth, parent = depth + 1, orgs[parent].parent_id
    return depth


def _subject(rating: Rated, draw: Draw, lower: Counter[str] | None) -> Subject:
    return Subject(
        key=rating.pk,
        kind=rating.kind,
        label=rating.label,
        group=(rating.decider_id, rating.kind),
        group_label="",
        level=draw.level,
        score=draw.score,
        facts=Facts(**draw.facts, lower_levels=dict(lower or {})),
    )


def _tasks(rng: random.Random) -> dict[str, Any]:
    """Every task done and enough exceeded, as Quy định 366's HTXSNV asks."""
    total = rng.randint(8, 14)
    return {"tasks_total": total, "tasks_done": total, "tasks_exceeded": rng.randint(5, total)}


def _save(round_: Round, ratings: list[Rated], draws: dict[int, Draw]) -> None:
    """RATINGS' draws at the round's step, in one call (see the module's docstring)."""
    ratings_save(actor=OPERATOR, round_=round_, changes=[_change(r, draws[r.pk]) for r in ratings])


def _change(rating: Rated, draw: Draw) -> RatingChange:
    return RatingChange(
        rating_id=rating.pk,
        level=draw.level,
        score=draw.score,
        override_reason=draw.override,
        facts=draw.facts,
    )


def demo_rounds(*, seed: int, bloc: str, successor: str, secretary_unit: str) -> list[Round]:
    """The demo's three rounds (see the module's docstring): BLOC's 2021 and 2024, and
    SUCCESSOR's 2025, one of the committees that took the Bloc's organizations over.
    SECRETARY_UNIT's TCCSĐ records every step in 2024 and 2025."""
    builder = RoundBuilder(seed=seed, secretary_unit=OrgUnit.objects.get(code=secretary_unit))
    plans = [
        RoundPlan(bloc, 2021, dt.date(2022, 1, 5), dt.date(2022, 1, 26), dt.date(2022, 2, 15),
                  excellent=COMMENDED_2021),
        RoundPlan(bloc, 2024, dt.date(2025, 1, 3), dt.date(2025, 1, 17), dt.date(2025, 1, 24),
                  excellent=15, override=OVERRIDE_2024, disciplined=0.004, steps=True),
        RoundPlan(successor, 2025, dt.date(2026, 1, 5), dt.date(2026, 1, 19),
                  dt.date(2026, 1, 30), steps=True),
    ]  # fmt: skip
    rounds = []
    for plan in plans:
        round_, excellent = builder.build(plan)
        if plan.year == 2021:
            commendations_decide(actor=OPERATOR, round_=round_, rating_ids=excellent,
                                 decision_number="215-QĐ/ĐUK", decision_date=COMMENDED_ON,
                                 today=COMMENDED_ON)  # fmt: skip
        rounds.append(round_)
    return rounds
