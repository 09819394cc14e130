"""The dashboard's chart figures: the years since 2020 and the make-up of the roll on a
date, in the user's scope. The members' figures are sums of the kept per-cell figures
(`stats.cell_counts`), so they cost the number of cells, not of members; a fixed number of
queries whatever the size."""

import datetime as dt
import functools
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum

from dangvu.members.rules import AGE_BANDS
from dangvu.members.rulesets.lifecycle import Lifecycle294
from dangvu.organizations.access import User, org_filter
from dangvu.organizations.models import (
    GRASSROOTS_KINDS,
    OrgVersion,
    Sector,
    active_on,
)
from dangvu.stats.cell_counts import read_counted
from dangvu.stats.models import CellCount

FIRST_YEAR = 2020
# The three-level Party system (Quy định 294-QĐ/TW, in force 1/7/2025) merged and moved
# most organizations; the by-year charts mark it.
RESTRUCTURING = Lifecycle294.valid_from


@dataclass(frozen=True)
class YearFigures:
    """One year's figures, counted on its last day (or on the as-of date, for its year)."""

    year: int
    on: dt.date
    members: int
    grassroots_orgs: int
    admissions: int


@dataclass(frozen=True)
class Makeup:
    """The roll on one date: members by age band (`members.rules.AGE_BANDS`) and by sector,
    and the TCCSĐ by sector (Sector values)."""

    age_bands: dict[str, int]
    members_by_sector: dict[str, int]
    orgs_by_sector: dict[str, int]


def yearly(*, user: User, as_of: dt.date) -> list[YearFigures]:
    """Members, TCCSĐ and admissions for each year from 2020 to AS_OF's year, as USER may
    see them. A year's admissions are counted where the member's cell stood in the tree
    on the year's first or last day (a cell dissolved mid-year keeps its admissions)."""
    scope = functools.cache(functools.partial(org_filter, user))  # one lookup per day
    years = range(FIRST_YEAR, as_of.year + 1)
    days = {year: min(dt.date(year, 12, 31), as_of) for year in years}

    def read(counted: dict[dt.date, int]) -> dict[str, int | None]:
        return CellCount.objects.aggregate(
            **{
                f"members_{year}": Sum(
                    F("official") + F("probationary"), filter=Q(day_id=counted[day]) & scope(day)
                )
                for year, day in days.items()
            },
            **{
                f"admissions_{year}": Sum(
                    "admitted",
                    filter=Q(day_id=counted[day]) & (scope(dt.date(year, 1, 1)) | scope(day)),
                )
                for year, day in days.items()
            },
        )

    sums = read_counted(days.values(), read)
    orgs = OrgVersion.objects.filter(kind__in=GRASSROOTS_KINDS).aggregate(
        **{str(year): Count("id", filter=active_on(day) & scope(day)) for year, day in days.items()}
    )
    return [
        YearFigures(
            year=year,
            on=day,
            members=sums[f"members_{year}"] or 0,
            grassroots_orgs=orgs[str(year)],
            admissions=sums[f"admissions_{year}"] or 0,
        )
        for year, day in days.items()
    ]


def makeup(*, user: User, as_of: dt.date) -> Makeup:
    """The roll on AS_OF by age band and by sector, and the TCCSĐ by sector: two queries
    once the day is counted."""
    labels = [code for code, _youngest, _oldest in AGE_BANDS]

    def read(counted: dict[dt.date, int]) -> tuple[list[int], dict[str, int]]:
        rows = CellCount.objects.filter(Q(day_id=counted[as_of]) & org_filter(user, as_of))
        bands = [0] * len(labels)
        members_by_sector = dict.fromkeys(Sector.values, 0)
        for sector, official, probationary, by_band in rows.values_list(
            "org__sector", "official", "probationary", "age_bands"
        ):
            members_by_sector[sector] += official + probationary
            bands = [total + count for total, count in zip(bands, by_band, strict=True)]
        return bands, members_by_sector

    bands, members_by_sector = read_counted([as_of], read)
    orgs = (
        OrgVersion.objects.as_of(as_of)
        .filter(org_filter(user, as_of), kind__in=GRASSROOTS_KINDS)
        .values("org__sector")
        .annotate(n=Count("id"))
        .order_by()
    )
    orgs_by_sector = dict.fromkeys(Sector.values, 0)
    for row in orgs:
        orgs_by_sector[row["org__sector"]] += row["n"]
    return Makeup(
        age_bands=dict(zip(labels, bands, strict=True)),
        members_by_sector=members_by_sector,
        orgs_by_sector=orgs_by_sector,
    )
