"""The results of a round for the committee's staff, over what the user may see: counts and
shares by level for the TCCSĐ the committee rates and for members, by sector, against the
same committee's round of the year before, and the lists of those rated HTXSNV.

A fixed number of queries whatever the number of ratings: every count is a sum of the
grouped queries of `selectors.results_tallies`, one for both years' levels and one for
their commendations."""

from dataclasses import dataclass

from django.db.models import QuerySet

from dangvu.common.text import collation_key
from dangvu.evaluation.models import Level, Rating, Round
from dangvu.evaluation.rules import EXCELLENT
from dangvu.evaluation.selectors import (
    LevelCounts,
    Results,
    Tally,
    level_counts,
    org_labels,
    rated_ratings,
    ratings_visible_to,
    results_from,
    results_tallies,
)
from dangvu.organizations.access import User
from dangvu.organizations.models import Sector


@dataclass(frozen=True)
class LevelChange:
    """One level's share of those rated this year and, when there was a round, last year;
    PERCENT and PREVIOUS_PERCENT on 0–100."""

    level: str
    label: str
    count: int
    percent: float
    previous_count: int | None
    previous_percent: float | None

    @property
    def points(self) -> float | None:
        """The change in points of percentage since the year before."""
        if self.previous_percent is None:
            return None
        return self.percent - self.previous_percent


@dataclass(frozen=True)
class SectorRow:
    sector: str
    label: str
    organizations: LevelCounts
    members: LevelCounts


@dataclass(frozen=True)
class ResultsPack:
    """What the round's page and its export show: the RESULTS, the same for the PREVIOUS
    year's round (None when the committee had none), each level's change for the TCCSĐ
    (ORGANIZATIONS) and the MEMBERS, and the counts of each sector that has ratings."""

    results: Results
    previous: Results | None
    organizations: list[LevelChange]
    members: list[LevelChange]
    sectors: list[SectorRow]

    @property
    def level_pairs(self) -> list[tuple[LevelChange, LevelChange]]:
        """Each level's change for the TCCSĐ and for the members, side by side."""
        return list(zip(self.organizations, self.members, strict=True))


def _percent(counts: LevelCounts, level: str) -> float:
    return 100 * counts.share(level)


def _changes(now: LevelCounts, before: LevelCounts | None) -> list[LevelChange]:
    return [
        LevelChange(
            level=level.value,
            label=str(level.label),
            count=now.levels[level.value],
            percent=_percent(now, level.value),
            previous_count=before.levels[level.value] if before else None,
            previous_percent=_percent(before, level.value) if before else None,
        )
        for level in Level
    ]


def _sectors(tally: Tally) -> list[SectorRow]:
    present = {sector for _kind, sector in tally}
    return [
        SectorRow(
            sector=sector.value,
            label=str(sector.label),
            organizations=level_counts(tally, Rating.Kind.ORG, sector.value),
            members=level_counts(tally, Rating.Kind.MEMBER, sector.value),
        )
        for sector in Sector
        if sector.value in present
    ]


def previous_round(round_: Round) -> Round | None:
    """The same committee's round of the year before ROUND_'s, if it had one."""
    return (
        Round.objects.select_related("committee")
        .filter(committee_id=round_.committee_id, year=round_.year - 1)
        .first()
    )


def results_pack(*, user: User, round_: Round) -> ResultsPack:
    """ROUND_'s results as USER may see them, by level, by sector and against the year
    before (what USER may see of that round)."""
    before = previous_round(round_)
    tallies = results_tallies(user, [round_] if before is None else [round_, before])
    tally = tallies[round_.pk][0]
    results = results_from(round_, *tallies[round_.pk])
    previous = None if before is None else results_from(before, *tallies[before.pk])
    return ResultsPack(
        results=results,
        previous=previous,
        organizations=_changes(results.organizations, previous.organizations if previous else None),
        members=_changes(results.members, previous.members if previous else None),
        sectors=_sectors(tally),
    )


@dataclass(frozen=True)
class Listed:
    """A rating in a list, with the names of its TCCSĐ and (for a member) their cell."""

    rating: Rating
    unit: str
    cell: str

    @property
    def commended(self) -> bool:
        return hasattr(self.rating, "commendation")


def _listed(ratings: list[Rating], labels: dict[int, str]) -> list[Listed]:
    return [Listed(r, labels.get(r.unit_id, ""), labels.get(r.org_id, "")) for r in ratings]


def _sorted(ratings: QuerySet[Rating], round_: Round) -> tuple[list[Listed], list[Listed]]:
    """The organizations of RATINGS by name and the members by given name (the Vietnamese
    order of the member list), each with its TCCSĐ. Three queries."""
    ratings = ratings.select_related("commendation")
    labels = org_labels(round_)
    organizations = sorted(
        ratings.filter(kind=Rating.Kind.ORG).order_by("pk"), key=lambda r: collation_key(r.label)
    )
    members = list(ratings.filter(kind=Rating.Kind.MEMBER).order_by("member__sort_key", "pk"))
    return _listed(organizations, labels), _listed(members, labels)


def excellent_lists(*, user: User, round_: Round) -> tuple[list[Listed], list[Listed]]:
    """The TCCSĐ the committee rated HTXSNV in ROUND_ and the members rated HTXSNV, as USER
    may see them."""
    return _sorted(rated_ratings(user, round_).filter(level=EXCELLENT), round_)


def every_rating(*, user: User, round_: Round) -> tuple[list[Listed], list[Listed]]:
    """Every organization (TCCSĐ and those inside them) and every member rated in ROUND_,
    as USER may see them."""
    return _sorted(ratings_visible_to(user, round_), round_)
