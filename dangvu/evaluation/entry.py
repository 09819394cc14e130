"""The entry screens: one quota group (the members of a TCCSĐ, the organizations inside it,
the TCCSĐ of the committee) on one screen, the fields each row posts, and the live check of
what is typed before it is saved."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.http import Http404

from dangvu.evaluation.checking import GroupCheck, ratings_check
from dangvu.evaluation.facts import STEP_FIELDS, step_of
from dangvu.evaluation.models import Level, Rating, Round, Stage
from dangvu.evaluation.selectors import ratings_visible_to
from dangvu.evaluation.services import RatingChange
from dangvu.organizations.access import User
from dangvu.organizations.roles import Action

FLAGS = ("disciplined", "self_corrected", "leadership_disciplined")
MAX_ROWS = 5000  # a TCCSĐ of the national scale's largest size fits; a forged form does not


@dataclass(frozen=True)
class Group:
    round: Round
    decider_id: int
    kind: str
    ratings: list[Rating]  # the whole group, for the quota
    editable: list[Rating]  # those the user may write at this step


def group_get(user: User, round_: Round, decider_id: int, kind: str) -> Group:
    """The quota group of ROUND_ decided by DECIDER_ID, of KIND; 404 when the user may see
    none of it."""
    if kind not in Rating.Kind.values:
        raise Http404
    ratings = list(
        Rating.objects.filter(round=round_, decider_id=decider_id, kind=kind).order_by(
            "member__sort_key", "label", "pk"
        )[:MAX_ROWS]
    )
    visible = set(
        ratings_visible_to(user, round_)
        .filter(decider_id=decider_id, kind=kind)
        .values_list("pk", flat=True)
    )
    if not visible:
        raise Http404
    writable = set(
        ratings_visible_to(user, round_, Action.CHANGE)
        .filter(decider_id=decider_id, kind=kind)
        .values_list("pk", flat=True)
    )
    editable = [r for r in ratings if r.pk in writable and not round_.closed]
    return Group(round_, decider_id, kind, [r for r in ratings if r.pk in visible], editable)


def _score(raw: str) -> Decimal | str | None:
    """The score typed, None when blank, the raw text when it is no number."""
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    try:
        score = Decimal(raw)
    except InvalidOperation:
        return raw
    return score if score.is_finite() and len(raw) <= 6 else raw


@dataclass(frozen=True)
class Posted:
    changes: list[RatingChange]
    problems: dict[int, str]  # rating id → what is wrong with a field as typed


def posted_changes(group: Group, data: Mapping[str, str]) -> Posted:
    """The changes the form posts for the rows the user may write; what cannot be read is
    reported by row, never guessed."""
    changes, problems = [], {}
    for rating in group.editable:
        key = str(rating.pk)
        level = data.get(f"level-{key}", "")
        if level not in ("", *Level.values):
            problems[rating.pk] = "level"
            continue
        score = _score(data.get(f"score-{key}", ""))
        if isinstance(score, str):
            problems[rating.pk] = "score"
            continue
        facts = {flag: data.get(f"{flag}-{key}") == "on" for flag in FLAGS}
        changes.append(
            RatingChange(
                rating_id=rating.pk,
                level=level,
                score=score,
                override_reason=data.get(f"override-{key}", ""),
                facts=facts,
            )
        )
    return Posted(changes, problems)


def _detached(rating: Rating) -> Rating:
    """A shallow copy of RATING to edit in memory. Not `copy.copy`, which goes through the
    model's pickling (state and caches copied) and took a fifth of a 300-row check."""
    clone = Rating.__new__(Rating)
    clone.__dict__.update(rating.__dict__)
    return clone


def preview(group: Group, changes: list[RatingChange]) -> GroupCheck:
    """The check of GROUP with CHANGES applied in memory: nothing is written."""
    step = step_of(group.round.stage)
    level_field, score_field = STEP_FIELDS[Stage(step)]
    by_id = {c.rating_id: c for c in changes}
    edited = []
    for rating in group.ratings:
        change = by_id.get(rating.pk)
        if change is not None:
            rating = _detached(rating)
            setattr(rating, level_field, change.level)
            setattr(rating, score_field, change.score)
            rating.override_reason = change.override_reason
            for name, value in change.facts.items():
                setattr(rating, name, value)
        edited.append(rating)
    hidden = Rating.objects.filter(
        round=group.round, decider_id=group.decider_id, kind=group.kind
    ).exclude(pk__in=[r.pk for r in group.ratings])
    return ratings_check(group.round, [*edited, *hidden], changed=by_id, stage=step)
