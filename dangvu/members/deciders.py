"""Who takes up an admission after the cell's resolution, and which committee decides: the
tree and the authorisations to admit on the day the cell resolved (Quy định 29/24/232/294
mục 3–4). A cell inside a đảng bộ bộ phận goes through its đảng ủy's review (7-KNĐ); one
inside a đảng bộ cơ sở through its đảng ủy's resolution (8-KNĐ), unless that đảng ủy is
authorised to admit and decides itself."""

import datetime as dt
from dataclasses import dataclass, field

from dangvu.members.rulesets.lifecycle import AdmissionRoute
from dangvu.organizations.authorities import admission_authorised
from dangvu.organizations.models import OrgKind, OrgUnit, OrgVersion
from dangvu.organizations.tree_memo import version_on, versions_on


@dataclass(frozen=True)
class CaseRoute:
    """ROUTE, with the organizations it names on the day: the đảng bộ cơ sở and the đảng
    bộ bộ phận above the cell (None where there is none)."""

    route: AdmissionRoute = field(default_factory=AdmissionRoute)
    grassroots: OrgVersion | None = None
    sub_committee: OrgVersion | None = None

    @property
    def deciding_grassroots(self) -> OrgUnit | None:
        """The đảng bộ cơ sở whose đảng ủy decides, when authorised; None when the upper
        committee does."""
        if self.grassroots is None or not self.route.grassroots_authorised:
            return None
        return self.grassroots.org


def route_on(cell: OrgUnit | int, on: dt.date) -> CaseRoute:
    """Where a case of CELL resolved on ON goes (a chi bộ cơ sở: straight up)."""
    version = version_on(cell if isinstance(cell, int) else cell.pk, on)
    if version is None or version.kind != OrgKind.CELL:
        return CaseRoute()
    ids = [int(part) for part in version.path.strip("/").split("/")]
    by_kind = {v.kind: v for v in versions_on(ids, on).values()}
    grassroots = by_kind.get(OrgKind.GRASSROOTS_COMMITTEE)
    sub_committee = by_kind.get(OrgKind.SUB_COMMITTEE)
    route = AdmissionRoute(
        in_sub_committee=sub_committee is not None,
        in_grassroots_committee=grassroots is not None,
        grassroots_authorised=grassroots is not None and admission_authorised(grassroots.org, on),
    )
    return CaseRoute(route, grassroots, sub_committee)
