"""Reads of the evaluation, always scoped: the rounds a user takes part in, the ratings they
may see, each TCCSĐ's progress, and the results by level: the one statistic that the pages,
`dangvu evaluation results` and the reports share."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.evaluation.facts import STEP_FIELDS, step_of
from dangvu.evaluation.models import Commendation, Level, Rating, Round, Stage
from dangvu.evaluation.rulesets import rules_for_year
from dangvu.organizations.access import (
    User,
    member_in_scope,
    org_filter,
    user_scope,
    visible_org_ids,
)
from dangvu.organizations.models import OrgKind, OrgVersion
from dangvu.organizations.roles import Action, Resource

EVALUATION = Resource.EVALUATION


def ratings_visible_to(user: User, round_: Round, action: str = Action.VIEW) -> QuerySet[Rating]:
    """The ratings of ROUND_ whose organization (a member's cell) USER may see."""
    scope = org_filter(user, round_.as_of, resource=EVALUATION, action=action)
    return Rating.objects.filter(scope, round=round_)


def _visible(user: User, rounds: QuerySet[Round]) -> list[Round]:
    """Those of ROUNDS in which USER may see at least one rating (each round has its own
    date, so its own check: rounds are a few a year)."""
    scope = user_scope(user, EVALUATION, Action.VIEW)
    if scope.everything or scope.empty:
        return list(rounds) if scope.everything else []
    return [
        r
        for r in rounds
        if Rating.objects.filter(round=r, org_id__in=visible_org_ids(scope, r.as_of)).exists()
    ]


def rounds_visible_to(user: User, *, running: bool = False) -> list[Round]:
    """The rounds in which USER may see at least one rating, newest year first; only those
    not closed if RUNNING."""
    rounds = (
        Round.objects.select_related("committee")
        .prefetch_related("committee__versions")  # the committee's name on each row
        .order_by("-year", "committee__code")
    )
    return _visible(user, rounds.exclude(stage=Stage.CLOSED) if running else rounds)


def round_get_for_user(user: User, round_id: int) -> Round:
    found = _visible(user, Round.objects.select_related("committee").filter(pk=round_id))
    if not found:
        raise Http404(_("Không có đợt đánh giá này."))
    return found[0]


def committees_to_open(user: User, today: dt.date) -> list[OrgVersion]:
    """The upper committees for which USER may open a round today, as they stand today."""
    versions = OrgVersion.objects.as_of(today).filter(
        org_filter(user, today, resource=EVALUATION, action=Action.CHANGE),
        kind=OrgKind.UPPER_COMMITTEE,
    )
    return list(versions.select_related("org").order_by("path"))


@dataclass(frozen=True)
class LevelCounts:
    rated: int
    levels: dict[str, int]

    def share(self, level: str) -> float:
        return self.levels[level] / self.rated if self.rated else 0.0

    @property
    def cells(self) -> list[tuple[int, float]]:
        """Each level's count and its percentage of those rated, best level first."""
        return [(n, 100 * self.share(level)) for level, n in self.levels.items()]


@dataclass(frozen=True)
class Results:
    """Decided levels of a round: the TCCSĐ (ORGANIZATIONS) and the MEMBERS the user may
    see, and how many of each were commended."""

    round: Round
    rule_set: str
    organizations: LevelCounts
    members: LevelCounts
    commended_organizations: int
    commended_members: int

    def as_json(self) -> dict[str, object]:
        def counts(found: LevelCounts) -> dict[str, object]:
            return {"rated": found.rated, "levels": found.levels}

        return {
            "year": self.round.year,
            "committee": self.round.committee.code,
            "rule_set": self.rule_set,
            "organizations": counts(self.organizations),
            "members": counts(self.members),
            "commended": {
                "organizations": self.commended_organizations,
                "members": self.commended_members,
            },
        }


def _counted(round_: Round) -> Q:
    """The ratings of ROUND_ that its results count: the TCCSĐ the committee decides and
    every member (the organizations inside a TCCSĐ are not counted)."""
    return Q(kind=Rating.Kind.MEMBER) | Q(kind=Rating.Kind.ORG, decider_id=round_.committee_id)


def rated_ratings(user: User, round_: Round) -> QuerySet[Rating]:
    """The ratings of ROUND_ that its results count, over what USER may see."""
    return ratings_visible_to(user, round_).filter(_counted(round_))


def _seen(user: User, rounds: list[Round], prefix: str = "") -> Q:
    """Q over the ratings (through PREFIX) of ROUNDS whose organization USER may see, each
    round's on its own date. The plain list of rounds comes first, so that the database
    counts through the rating's round index; a scope that limits nothing adds nothing."""
    scopes = [
        (r, org_filter(user, r.as_of, resource=EVALUATION, field_name=f"{prefix}org_id"))
        for r in rounds
    ]
    listed = Q(**{f"{prefix}round_id__in": [r.pk for r in rounds]})
    if not any(scope for _r, scope in scopes):
        return listed
    return listed & reduce(or_, (Q(**{f"{prefix}round_id": r.pk}) & scope for r, scope in scopes))


# (kind, sector of the TCCSĐ) → decided level → count
Tally = dict[tuple[str, str], Counter[str]]


def results_tallies(user: User, rounds: list[Round]) -> dict[int, tuple[Tally, Counter[str]]]:
    """For each of ROUNDS (the rounds of one committee), over what USER may see: its decided
    levels counted by kind and by the sector of each rating's TCCSĐ, and its commendations
    by kind. Two grouped queries whatever the number of rounds and ratings; every figure
    of the results is a sum of these counts."""
    levels = (
        Rating.objects.filter(_seen(user, rounds), _counted(rounds[0]))
        .exclude(level="")
        .values_list("round_id", "kind", "unit__sector", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    commended = (
        Commendation.objects.filter(_seen(user, rounds, "rating__"))
        .values_list("rating__round_id", "rating__kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    found: dict[int, tuple[Tally, Counter[str]]] = {r.pk: ({}, Counter()) for r in rounds}
    for round_id, kind, sector, level, n in levels:
        found[round_id][0].setdefault((kind, sector), Counter())[level] += n
    for round_id, kind, n in commended:
        found[round_id][1][kind] += n
    return found


def level_counts(tally: Tally, kind: str, sector: str | None = None) -> LevelCounts:
    """The counts of KIND in TALLY, of one SECTOR or of all."""
    found: Counter[str] = Counter()
    for (k, s), levels in tally.items():
        if k == kind and sector in (None, s):
            found.update(levels)
    return LevelCounts(sum(found.values()), {level: found[level] for level in Level.values})


def results_from(round_: Round, tally: Tally, commended: Counter[str]) -> Results:
    """The Results of ROUND_ from its TALLY and its COMMENDED by kind."""
    return Results(
        round=round_,
        rule_set=type(rules_for_year(round_.year)).__name__,
        organizations=level_counts(tally, Rating.Kind.ORG),
        members=level_counts(tally, Rating.Kind.MEMBER),
        commended_organizations=commended[Rating.Kind.ORG],
        commended_members=commended[Rating.Kind.MEMBER],
    )


def evaluation_results(*, user: User, round_: Round) -> Results:
    """ROUND_'s decided levels, counted over what USER may see: organizations are the TCCSĐ
    the committee rates, members all members."""
    return results_from(round_, *results_tallies(user, [round_])[round_.pk])


def org_labels(round_: Round) -> dict[int, str]:
    """The name of each organization rated in ROUND_, as it stood on the round's date."""
    return dict(
        Rating.objects.filter(round=round_, kind=Rating.Kind.ORG).values_list("org_id", "label")
    )


def round_overrides(*, user: User, round_: Round) -> QuerySet[Rating]:
    """The ratings USER may see that hold a level against the rules, with its reason: the
    round's report lists them."""
    return ratings_visible_to(user, round_).exclude(override_reason="").order_by("kind", "label")


@dataclass(frozen=True)
class UnitProgress:
    """One TCCSĐ's progress at the round's step: how many of its ratings have a level."""

    unit_id: int
    label: str
    total: int
    done: int
    late: bool

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def round_progress(*, user: User, round_: Round) -> list[UnitProgress]:
    """Each TCCSĐ USER may see, with how far the round's current step has come in it; those
    past the step's deadline with ratings missing are late."""
    level_field = STEP_FIELDS[Stage(step_of(round_.stage))][0]
    rows = (
        ratings_visible_to(user, round_)
        .values("unit_id")
        .annotate(total=Count("id"), done=Count("id", filter=~Q(**{level_field: ""})))
        .order_by("unit_id")
    )
    labels = org_labels(round_)
    past_due = not round_.closed and clock.today() > round_.step_due
    return sorted(
        (
            UnitProgress(
                r["unit_id"],
                labels.get(r["unit_id"], ""),
                r["total"],
                r["done"],
                past_due and r["done"] < r["total"],
            )
            for r in rows
        ),
        key=lambda p: (p.percent, p.label),
    )


def decided_levels_under(*, path: str, year: int, as_of: dt.date) -> Counter[tuple[str, str]]:
    """The decided levels of YEAR's ratings, by (kind, level), of the TCCSĐ (as their
    committee's round rates them) and members under the organization at PATH on each
    round's date, counting only the rounds closed by AS_OF: a level is final once its round
    closes. For the measures of plans; the figure of a committee, not of a reader."""
    rounds = Round.objects.filter(year=year, closed_on__lte=as_of)
    found: Counter[tuple[str, str]] = Counter()
    for round_ in rounds:
        inside = OrgVersion.objects.as_of(round_.as_of).filter(path__startswith=path)
        under = Q(org_id__in=inside.values("org_id"))
        rows = (
            Rating.objects.filter(_counted(round_), under, round=round_)
            .exclude(level="")
            .values_list("kind", "level")
            .annotate(n=Count("id"))
            .order_by()
        )
        for kind, level, n in rows:
            found[(kind, level)] += n
    return found


def member_ratings(*, user: User, member_id: int, today: dt.date) -> list[Rating]:
    """The member's ratings, newest year first, each with its round and commendation, for
    those who may see the member's record (the member themselves among them; none for
    others). A round not closed shows its step, not a level that may still change: the
    template reads `round.closed`. One query."""
    if not member_in_scope(user, Resource.MEMBER, Action.VIEW, member_id, today):
        return []
    return list(
        Rating.objects.filter(member_id=member_id, kind=Rating.Kind.MEMBER)
        .select_related("round", "commendation")
        .order_by("-round__year", "-round__as_of", "-id")
    )
