"""The one statistics layer: every figure, as of any date, for the CLI and the web alike.

Counts are kept per cell and day (`stats.cell_counts`), then rolled up the tree in Python
along the materialized paths, so the cost grows with the number of cells, not of members.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import StrIndex, Substr

from dangvu.common.gc_pause import gc_paused
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.common.text import collation_key
from dangvu.discipline.figures import discipline_figures
from dangvu.members.facts import Status, status_expression
from dangvu.members.models import Gender
from dangvu.organizations.access import User, user_scope
from dangvu.organizations.models import (
    GRASSROOTS_KINDS,
    Membership,
    OrgKind,
    OrgUnit,
    OrgVersion,
    active_on,
)
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.rulesets import SIZES, SizeWarning
from dangvu.organizations.selectors import versions_visible_query
from dangvu.plans.selectors import plans_glance
from dangvu.stats.cell_counts import read_counted
from dangvu.stats.models import CellCount
from dangvu.stats.trends import makeup, yearly

GENDERS = tuple(Gender.values)


def _by_gender() -> dict[str, int]:
    return dict.fromkeys(GENDERS, 0)


@dataclass(slots=True)
class Counts:
    official: int = 0
    probationary: int = 0
    # A plain dict of every gender, not a Counter: the tree's 50,000 nodes each hold one.
    by_gender: dict[str, int] = field(default_factory=_by_gender)

    @property
    def total(self) -> int:
        return self.official + self.probationary

    def add(self, other: "Counts") -> None:
        self.official += other.official
        self.probationary += other.probationary
        mine = self.by_gender
        for gender, count in other.by_gender.items():
            mine[gender] = mine.get(gender, 0) + count

    def as_dict(self) -> dict[str, int]:
        return {"total": self.total, "official": self.official, "probationary": self.probationary}


class OrgRow(NamedTuple):
    """An organization's version on the day as the tree shows it: its row's values, not a
    model instance (the whole tree at national size is 50,000 of them, and an instance
    costs several times its row to build)."""

    org_id: int
    parent_id: int | None
    depth: int
    kind: str
    name: str
    path: str
    code: str

    def get_kind_display(self) -> str:
        return str(OrgKind(self.kind).label)


_ROW_FIELDS = ("org_id", "parent_id", "depth", "kind", "name", "path", "org__code")


@dataclass(slots=True)
class TreeNode:
    version: OrgRow
    code: str
    parent_code: str | None
    counts: Counts = field(default_factory=Counts)
    grassroots_orgs: int = 0
    children: list["TreeNode"] = field(default_factory=list)
    warnings: list[SizeWarning] = field(default_factory=list)


def _cell_counts(versions: QuerySet[OrgVersion] | None, as_of: dt.date) -> dict[int, Counts]:
    """The members on the roll on AS_OF per cell: of VERSIONS' organizations, or of every
    cell with VERSIONS None. A row per cell, from the kept figures (`stats.cell_counts`)."""

    def read(days: dict[dt.date, int]) -> dict[int, Counts]:
        rows = CellCount.objects.filter(day_id=days[as_of])
        if versions is not None:
            rows = rows.filter(org_id__in=versions.values("org_id"))
        return {
            org_id: Counts(official, probationary, {Gender.MALE: men, Gender.FEMALE: women})
            for org_id, official, probationary, men, women in rows.values_list(
                "org_id", "official", "probationary", "men", "women"
            )
        }

    return read_counted([as_of], read)


def org_tree(*, user: User, as_of: dt.date, root: OrgUnit | None = None) -> list[TreeNode]:
    """The tree as it stood on AS_OF (or ROOT's subtree), with member counts rolled up.
    Returns the top nodes; children are sorted by name in Vietnamese order. Two queries read
    the tree and its counts, whatever its size, once the day is counted (`make bench`,
    docs/performance.md)."""
    query = versions_visible_query(user=user, as_of=as_of, root=root)
    everything = root is None and user_scope(user, Resource.ORG, Action.VIEW).everything
    # A cell without a version that day is not in the tree, nor are its counts.
    cells = _cell_counts(None if everything else query, as_of)
    try:
        size_rules = rules_for(SIZES, as_of)
    except NoRuleSet:
        size_rules = None  # before the Party's founding: no Charter to break
    with gc_paused():
        # Unsorted: ordering 50,000 rows spills to disk on PostgreSQL; Python's is cheaper.
        versions = sorted(map(OrgRow._make, query.values_list(*_ROW_FIELDS).order_by()),
                          key=lambda version: -version.depth)  # fmt: skip
        codes = {version.org_id: version.code for version in versions}
        nodes = {
            version.org_id: TreeNode(version, version.code, codes.get(version.parent_id or 0),
                                     cells.get(version.org_id) or Counts(), 0, [], [])
            for version in versions
        }  # fmt: skip
        # Deepest first, so each node's totals are complete before they reach its parent.
        for node in nodes.values():
            version = node.version
            if size_rules is not None:
                node.warnings = size_rules.size_warnings(
                    kind=version.kind, official=node.counts.official, total=node.counts.total
                )
            if version.kind in GRASSROOTS_KINDS:
                node.grassroots_orgs += 1
            parent = nodes.get(version.parent_id or 0)
            if parent is not None:
                parent.counts.add(node.counts)
                parent.grassroots_orgs += node.grassroots_orgs
                parent.children.append(node)
        keys = {org_id: collation_key(node.version.name) for org_id, node in nodes.items()}
        for node in nodes.values():
            node.children.sort(key=lambda child: keys[child.version.org_id])
        tops = [node for node in nodes.values() if (node.version.parent_id or 0) not in nodes]
        return sorted(tops, key=lambda node: keys[node.version.org_id])


@dataclass
class LevelNode:
    """One organization of a level of the tree as the tree page shows it: its members (of
    its whole subtree), how many organizations sit directly under it, its size notices."""

    version: OrgVersion
    code: str
    counts: Counts
    children: int
    warnings: list[SizeWarning]


def _segment(prefix: str) -> Substr:
    """SQL: the id of the organization right under PREFIX in a cell's path ("/1/17/230/"
    under "/1/" reads "17"), so members are counted per shown organization in one GROUP
    BY, whatever the size of its subtree, without reading the subtree's versions."""
    rest = Substr(F("org__versions__path"), len(prefix) + 1)
    return Substr(rest, 1, StrIndex(rest, Value("/")) - 1)


def _counts_under(versions: list[OrgVersion], as_of: dt.date) -> dict[int, Counts]:
    """Members on the roll on AS_OF in each of VERSIONS' subtrees: one query per parent path
    they share (one for a level's siblings)."""
    groups: dict[str, set[int]] = defaultdict(set)
    for version in versions:
        groups[version.path[: version.path.rstrip("/").rfind("/") + 1]].add(version.org_id)
    counts: dict[int, Counts] = defaultdict(Counts)
    for prefix, shown in groups.items():
        rows = (
            Membership.objects.as_of(as_of)
            .filter(active_on(as_of, "org__versions__"), org__versions__path__startswith=prefix)
            .annotate(under=_segment(prefix), status=status_expression(as_of, prefix="member__"))
            .values("under", "status", "member__gender")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            org_id = int(row["under"]) if row["under"].isdigit() else 0
            if org_id not in shown or row["status"] not in (Status.OFFICIAL, Status.PROBATIONARY):
                continue
            node = counts[org_id]
            if row["status"] == Status.OFFICIAL:
                node.official += row["n"]
            else:
                node.probationary += row["n"]
            node.by_gender[row["member__gender"]] += row["n"]
    return counts


def org_level(*, user: User, as_of: dt.date, parent: OrgUnit | None = None) -> list[LevelNode]:
    """The organizations directly under PARENT on AS_OF that USER sees (the user's top ones
    without PARENT), in Vietnamese order, each with its subtree's members, the number of
    organizations under it and its size notices. Reads only the level shown: its versions,
    the count of their children, and one GROUP BY of the members under them."""
    visible = versions_visible_query(user=user, as_of=as_of)
    if parent is None and user_scope(user, Resource.ORG, Action.VIEW).everything:
        level = visible.filter(parent__isnull=True)  # not a NOT IN over the whole tree
    elif parent is None:
        level = visible.exclude(parent_id__in=visible.values("org_id"))
    else:
        level = visible.filter(parent_id=parent.pk)
    versions = sorted(level.select_related("org"), key=lambda v: collation_key(v.name))
    children = dict(
        visible.filter(parent_id__in=[version.org_id for version in versions])
        .values("parent_id")
        .annotate(n=Count("id"))
        .values_list("parent_id", "n")
        .order_by()
    )
    counts = _counts_under(versions, as_of)
    try:
        size_rules = rules_for(SIZES, as_of)
    except NoRuleSet:
        size_rules = None  # before the Party's founding: no Charter to break
    nodes = []
    for version in versions:
        found = counts.get(version.org_id, Counts())
        warnings = (
            size_rules.size_warnings(kind=version.kind, official=found.official, total=found.total)
            if size_rules is not None
            else []
        )
        nodes.append(LevelNode(version, version.org.code, found,
                               children.get(version.org_id, 0), warnings))  # fmt: skip
    return nodes


def flatten(nodes: list[TreeNode]) -> list[TreeNode]:
    """Depth-first, in display order."""
    result: list[TreeNode] = []
    for node in nodes:
        result.append(node)
        result.extend(flatten(node.children))
    return result


def _figures(tops: list[TreeNode], as_of: dt.date, root: OrgUnit | None) -> dict[str, Any]:
    committees = [node for node in tops if node.version.kind == OrgKind.UPPER_COMMITTEE]
    totals = Counts()
    for node in tops:
        totals.add(node.counts)
    return {
        "as_of": as_of.isoformat(),
        "org": root.code if root else None,
        "committees": [
            {
                "code": node.code,
                "name": node.version.name,
                "grassroots_orgs": node.grassroots_orgs,
                "members": node.counts.as_dict(),
            }
            for node in committees
        ],
        "grassroots_orgs": sum(node.grassroots_orgs for node in tops),
        "members": totals.as_dict(),
        "by_gender": {"M": totals.by_gender["M"], "F": totals.by_gender["F"]},
    }


def figures(*, user: User, as_of: dt.date, root: OrgUnit | None = None) -> dict[str, Any]:
    """The headline figures of `dangvu stats`: committees, TCCSĐ and members on AS_OF, and
    the discipline of AS_OF's year up to that day."""
    found = _figures(org_tree(user=user, as_of=as_of, root=root), as_of, root)
    found["discipline"] = discipline_figures(user=user, as_of=as_of, root=root)
    return found


def dashboard(*, user: User, as_of: dt.date) -> dict[str, Any]:
    """The workspace home: the same figures, the organizations in scope that are not
    upper committees (a secretary's own), the years since 2020 and the roll's make-up for
    its charts, organizations breaking a size rule and the year's plans at a glance."""
    tops = org_tree(user=user, as_of=as_of)
    return {
        "figures": _figures(tops, as_of, None),
        # The organizations a secretary or cell-level role sees from the top: their own.
        "own": [node for node in tops if node.version.kind != OrgKind.UPPER_COMMITTEE],
        "plans": plans_glance(user=user, as_of=as_of),
        "years": yearly(user=user, as_of=as_of),
        "makeup": makeup(user=user, as_of=as_of),
        "warnings": [
            node
            for node in flatten(tops)
            if any(warning.severity == "WARNING" for warning in node.warnings)
        ],
    }
