"""Which organizations a user may ask a report of: the upper committees they see and the
tops of their reach (a TCCSĐ's secretary reports on the TCCSĐ)."""

import datetime as dt

from dangvu.organizations.access import User
from dangvu.organizations.models import OrgKind, OrgVersion
from dangvu.organizations.selectors import versions_visible


def report_orgs(*, user: User, on: dt.date) -> list[OrgVersion]:
    """The organizations USER may report on, as they stood ON, shallowest first."""
    versions = versions_visible(user=user, as_of=on)
    seen = {version.org_id for version in versions}
    return [
        version
        for version in versions
        if version.kind == OrgKind.UPPER_COMMITTEE or version.parent_id not in seen
    ]
