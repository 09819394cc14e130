"""The dashboard's chart figures: the years since 2020 and the make-up of the roll on a
date, in the user's scope. Every figure is a count made in SQL, a fixed number of queries
whatever the number of members or organizations."""

import datetime as dt
import functools
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from dangvu.members.facts import official_on, probationary_on
from dangvu.members.rules import AGE_BANDS, birth_date_range
from dangvu.members.rulesets.lifecycle import Lifecycle294
from dangvu.organizations.access import User, org_filter
from dangvu.organizations.models import (
    GRASSROOTS_KINDS,
    Membership,
    OrgVersion,
    Sector,
    active_on,
)

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


def _on_roll(on: dt.date) -> Q:
    return active_on(on) & (official_on(on, "member__") | probationary_on(on, "member__"))


def yearly(*, user: User, as_of: dt.date) -> list[YearFigures]:
    """Members, TCCSĐ and admissions for each year from 2020 to AS_OF's year, as USER may
    see them. A year's admissions are counted where the member's cell stood in the tree
    on the year's first or last day (a cell dissolved mid-year keeps its admissions)."""
    scope = functools.cache(functools.partial(org_filter, user))  # one lookup per day
    years = range(FIRST_YEAR, as_of.year + 1)
    days = {year: min(dt.date(year, 12, 31), as_of) for year in years}
    members = Membership.objects.aggregate(
        **{str(year): Count("id", filter=_on_roll(day) & scope(day)) for year, day in days.items()}
    )
    orgs = OrgVersion.objects.filter(kind__in=GRASSROOTS_KINDS).aggregate(
        **{str(year): Count("id", filter=active_on(day) & scope(day)) for year, day in days.items()}
    )
    # The membership that held on the admission day: the cell that admitted the member.
    at_admission = Q(valid_from__lte=F("member__admission_date")) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=F("member__admission_date"))
    )
    admissions = Membership.objects.filter(at_admission).aggregate(
        **{
            str(year): Count(
                "id",
                filter=Q(
                    member__admission_date__gte=dt.date(year, 1, 1),
                    member__admission_date__lte=day,
                )
                & (scope(dt.date(year, 1, 1)) | scope(day)),
            )
            for year, day in days.items()
        }
    )
    return [
        YearFigures(
            year=year,
            on=day,
            members=members[str(year)],
            grassroots_orgs=orgs[str(year)],
            admissions=admissions[str(year)],
        )
        for year, day in days.items()
    ]


def _age_band(as_of: dt.date) -> Case:
    """The index in `members.rules.AGE_BANDS` of a member's age on AS_OF (SQL)."""
    whens = []
    for index, (code, _youngest, _oldest) in enumerate(AGE_BANDS):
        earliest, latest = birth_date_range(code, as_of)
        born = Q(member__birth_date__lte=latest)
        if earliest is not None:
            born &= Q(member__birth_date__gt=earliest)
        whens.append(When(born, then=Value(index)))
    # Younger than the first band: a record that breaks the Charter's 18; counted in it.
    return Case(*whens, default=Value(0), output_field=IntegerField())


def makeup(*, user: User, as_of: dt.date) -> Makeup:
    """The roll on AS_OF by age band and by sector, and the TCCSĐ by sector: two queries."""
    rows = (
        Membership.objects.filter(_on_roll(as_of) & org_filter(user, as_of))
        .values("org__sector", band=_age_band(as_of))
        .annotate(n=Count("id"))
        .order_by()
    )
    labels = [code for code, _youngest, _oldest in AGE_BANDS]
    bands = dict.fromkeys(labels, 0)
    members_by_sector = dict.fromkeys(Sector.values, 0)
    for row in rows:
        bands[labels[row["band"]]] += row["n"]
        members_by_sector[row["org__sector"]] += row["n"]
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
        age_bands=bands, members_by_sector=members_by_sector, orgs_by_sector=orgs_by_sector
    )
