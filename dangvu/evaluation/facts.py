"""From ratings to the rules' `Subject`s: the level each holds at a step, the facts the
caps read, and the results of its subordinates.

The facts a rating records (disciplined, targets, tasks) are what people entered. Modules
that know better register a provider at start-up (`facts_provider_register`): the
discipline module will answer who was disciplined in the year, the plans module the
targets met and the tasks done. A provider's answer replaces what was entered; its None
leaves it. Evaluation sits below them, so they fill its registry and arrows point one way.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from django.utils.translation import gettext as _

from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.evaluation.rules import Facts, Subject
from dangvu.organizations.models import OrgVersion

# A provider answers, for some of a round's ratings (by id), the `Facts` fields it knows.
FactsProvider = Callable[[Round, Sequence[Rating]], Mapping[int, Mapping[str, Any]]]
_PROVIDERS: list[FactsProvider] = []

# The level and score each step writes.
STEP_FIELDS = {
    Stage.SELF: ("self_level", "self_score"),
    Stage.PROPOSAL: ("proposed_level", "proposed_score"),
    Stage.DECISION: ("level", "score"),
}
FACT_FIELDS = (
    "disciplined",
    "self_corrected",
    "leadership_disciplined",
    "targets_total",
    "targets_met",
    "tasks_total",
    "tasks_done",
    "tasks_exceeded",
)


def facts_provider_register(provider: FactsProvider) -> None:
    _PROVIDERS.append(provider)


class StepLevels(Protocol):
    """What `level_at` reads: a rating, or a row of its three levels."""

    self_level: str
    proposed_level: str
    level: str


def level_at(rating: StepLevels, stage: str) -> str | None:
    """RATING's level at STAGE, or at the latest step before it that has one (a decision
    not yet taken reads the proposal, a proposal not yet made the self-assessment)."""
    steps = [Stage.SELF, Stage.PROPOSAL, Stage.DECISION]
    upto = steps[: steps.index(Stage(stage)) + 1] if stage != Stage.CLOSED else steps
    for step in reversed(upto):
        level = getattr(rating, STEP_FIELDS[step][0])
        if level:
            return str(level)
    return None


def step_of(stage: str) -> str:
    """The step whose columns STAGE writes and checks (a closed round: the decision)."""
    return Stage.DECISION if stage == Stage.CLOSED else stage


def _lower(
    round_: Round, ratings: Sequence[Rating], stage: str
) -> dict[int, tuple[Counter[str], int, int]]:
    """For each organization rated among RATINGS: its subordinates' levels at STAGE, how
    many subordinate organizations it has and how many were disciplined. A subordinate
    among RATINGS counts as edited there (a save of a cell with its members), the others
    as saved."""
    org_ids = [r.org_id for r in ratings if r.kind == Rating.Kind.ORG]
    found: dict[int, tuple[Counter[str], int, int]] = defaultdict(lambda: (Counter(), 0, 0))
    if not org_ids:
        return found
    edited = {r.pk: r for r in ratings}
    # Rows, not instances: a whole round's check reads thousands.
    saved = Rating.objects.filter(round=round_, parent_id__in=org_ids).values_list(
        "pk",
        "parent_id",
        "kind",
        "self_level",
        "proposed_level",
        "level",
        "disciplined",
        named=True,
    )
    for child in (edited.get(row.pk, row) for row in saved):
        levels, units, disciplined = found[child.parent_id]
        level = level_at(child, stage)
        if level:
            levels[level] += 1
        if child.kind == Rating.Kind.ORG:
            units, disciplined = units + 1, disciplined + child.disciplined
        found[child.parent_id] = (levels, units, disciplined)
    return found


def group_labels(round_: Round, ratings: Iterable[Rating]) -> dict[tuple[int, str], str]:
    """What each quota group is called in messages: "Đảng viên – Đảng bộ Sở Y tế"."""
    deciders = {r.decider_id for r in ratings}
    names = dict(
        OrgVersion.objects.as_of(round_.as_of)
        .filter(org_id__in=deciders)
        .values_list("org_id", "name")
    )
    kinds = {Rating.Kind.ORG: _("Tổ chức đảng"), Rating.Kind.MEMBER: _("Đảng viên")}
    return {
        (r.decider_id, r.kind): f"{kinds[Rating.Kind(r.kind)]} – {names.get(r.decider_id, '')}"
        for r in ratings
    }


def subjects(round_: Round, ratings: Sequence[Rating], stage: str) -> list[Subject]:
    """RATINGS as the rules see them at STAGE: each rating's level and score at that step,
    its recorded facts with the providers' on top, its subordinates' results."""
    step = step_of(stage)
    level_field, score_field = STEP_FIELDS[Stage(step)]
    known: dict[int, dict[str, Any]] = defaultdict(dict)
    for provider in _PROVIDERS:
        for rating_id, found in provider(round_, ratings).items():
            known[rating_id].update(found)
    lower = _lower(round_, ratings, step)
    labels = group_labels(round_, ratings)
    result = []
    for rating in ratings:
        levels, units, disciplined = lower.get(rating.org_id, (Counter(), 0, 0))
        facts = Facts(
            **{name: getattr(rating, name) for name in FACT_FIELDS},
            lower_levels=dict(levels) if rating.kind == Rating.Kind.ORG else {},
            lower_units=units if rating.kind == Rating.Kind.ORG else 0,
            lower_units_disciplined=disciplined if rating.kind == Rating.Kind.ORG else 0,
        )
        if rating.pk in known:
            facts = facts.merged(**known[rating.pk])
        result.append(
            Subject(
                key=rating.pk,
                kind=rating.kind,
                label=rating.label,
                group=(rating.decider_id, rating.kind),
                group_label=labels[(rating.decider_id, rating.kind)],
                level=getattr(rating, level_field) or None,
                score=getattr(rating, score_field),
                facts=facts,
                override=rating.override_reason,
            )
        )
    return result
