"""The statistics pack: every figure of a subtree for a period, one dict for the CLI, the
exports and the annual report alike. Each module plugs in through one function."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from dangvu.organizations.access import User
from dangvu.organizations.models import OrgUnit
from dangvu.stats.breakdowns import member_breakdowns, org_breakdowns
from dangvu.stats.movements import movements
from dangvu.stats.scope import Scope, year_scope
from dangvu.stats.sections import (
    badges_section,
    discipline_section,
    dues_section,
    evaluation_section,
    plans_section,
)

SECTIONS: tuple[tuple[str, Callable[[Scope], Any]], ...] = (
    ("organizations", org_breakdowns),
    ("members", member_breakdowns),
    ("movements", movements),
    ("badges", badges_section),
    ("evaluation", evaluation_section),
    ("discipline", discipline_section),
    ("plans", plans_section),
    ("dues", dues_section),
)


def stats_pack(scope: Scope) -> dict[str, Any]:
    """Every section's figures for SCOPE, with the dates they are counted on."""
    found: dict[str, Any] = {
        "org": scope.root.code if scope.root else None,
        "from": scope.start.isoformat(),
        "to": scope.end.isoformat(),
        "as_of": scope.as_of.isoformat(),
    }
    for key, section in SECTIONS:
        found[key] = section(scope)
    return found


def year_pack(
    *, user: User, year: int, as_of: dt.date, root: OrgUnit | None = None
) -> dict[str, Any]:
    """The pack of YEAR: the registry on 31/12, the year's movements, and the results
    (ratings, targets, tasks) as they stood on AS_OF."""
    found = stats_pack(year_scope(user=user, year=year, as_of=as_of, root=root))
    found["year"] = year
    return found
