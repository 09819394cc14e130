"""Which organizations a user may ask a report of: the upper committees they see and the
tops of their reach (a TCCSĐ's secretary reports on the TCCSĐ); the sections staff wrote
for a report, read by those who read the report."""

import datetime as dt

from dangvu.organizations.access import OutOfScope, User, org_in_scope
from dangvu.organizations.models import OrgKind, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.selectors import org_version_on, versions_visible
from dangvu.reports.model import Written, paragraphs
from dangvu.reports.models import Narrative, NarrativeVersion, Section


def report_orgs(*, user: User, on: dt.date) -> list[OrgVersion]:
    """The organizations USER may report on, as they stood ON, shallowest first."""
    versions = versions_visible(user=user, as_of=on)
    seen = {version.org_id for version in versions}
    return [
        version
        for version in versions
        if version.kind == OrgKind.UPPER_COMMITTEE or version.parent_id not in seen
    ]


def report_readable(*, user: User, committee: OrgUnit, year: int, today: dt.date) -> bool:
    """Whether USER reads COMMITTEE's report of YEAR (and what staff wrote for it): the
    committee as it stood at the end of the year, or TODAY for this year."""
    on = min(dt.date(year, 12, 31), today)
    return org_version_on(committee, on) is not None and org_in_scope(
        user, Resource.ORG, Action.VIEW, committee.pk, on
    )


def written_sections(committee: OrgUnit, year: int) -> dict[str, Written]:
    """What staff wrote for each section of COMMITTEE's report of YEAR: its latest version."""
    latest = (
        NarrativeVersion.objects.filter(narrative__committee=committee, narrative__year=year)
        .order_by("narrative_id", "-number")
        .select_related("narrative")
    )
    found: dict[str, Written] = {}
    for version in latest:
        section = version.narrative.section
        if section not in found:
            draft = version.narrative.status != Narrative.Status.FINAL
            found[section] = Written(paragraphs(version.text), draft)
    return found


def narrative_for_user(*, user: User, committee: OrgUnit, year: int, section: str,
                       today: dt.date) -> Narrative:  # fmt: skip
    """The section SECTION of COMMITTEE's report of YEAR, unsaved when nobody wrote it yet.
    Raises OutOfScope (404) when USER does not read the report, or for no such section."""
    if section not in Section.values or not report_readable(
        user=user, committee=committee, year=year, today=today
    ):
        raise OutOfScope(committee.code)
    found = Narrative.objects.filter(committee=committee, year=year, section=section).first()
    return found or Narrative(committee=committee, year=year, section=section)
