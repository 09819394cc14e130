"""What a figure is about: a user's reach, a subtree (or all of it) and a period whose end is
the day the registry is counted. Each module's figures take one `Scope`."""

import datetime as dt
from dataclasses import dataclass

from dangvu.organizations.access import User
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.selectors import versions_visible


@dataclass(frozen=True)
class Scope:
    """The registry is counted on END (organizations, members); movements run from START to
    END inclusive; results that are decided later (ratings, targets, tasks) are read as
    they stood on AS_OF, which is END or later."""

    user: User
    root: OrgUnit | None
    start: dt.date
    end: dt.date
    as_of: dt.date

    @property
    def year(self) -> int:
        return self.end.year


def year_scope(*, user: User, year: int, as_of: dt.date, root: OrgUnit | None = None) -> Scope:
    """The scope of YEAR: its registry as of 31/12 (or AS_OF if earlier), its results as of
    AS_OF."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    end = min(end, as_of)
    return Scope(user=user, root=root, start=min(start, end), end=end, as_of=max(as_of, end))


def org_ids(scope: Scope, on: dt.date) -> list[int]:
    """The organizations of SCOPE's subtree that its user sees, as the tree stood on ON."""
    return [
        version.org_id for version in versions_visible(user=scope.user, as_of=on, root=scope.root)
    ]
