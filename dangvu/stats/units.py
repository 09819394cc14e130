"""The members of each TCCSĐ of a subtree on a day, counted by status, age band and the
attributes of the statistical forms, and those it admitted in the period by the same
attributes: per cell in one grouped query per attribute, then summed into the TCCSĐ each
cell belongs to (in the tree of the period's end) along the materialized paths."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Value

from dangvu.common.text import collation_key
from dangvu.members.facts import status_expression
from dangvu.organizations.models import GRASSROOTS_KINDS, Membership, OrgVersion
from dangvu.organizations.selectors import versions_visible
from dangvu.stats.breakdowns import age_band_expression, members_on_roll
from dangvu.stats.scope import Scope

FORM_ATTRIBUTES = ("gender", "ethnicity", "religion", "professional_qualification",
                   "political_theory")  # fmt: skip


@dataclass
class UnitCounts:
    """One TCCSĐ's VERSION on the day, its CELLS and its members' COUNTS by attribute
    ("status", "age_band" and FORM_ATTRIBUTES), each a Counter of codes; ADMITTED, the
    same of the members admitted in the period ("total", "age_band", FORM_ATTRIBUTES)."""

    version: OrgVersion
    cells: int = 0
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    admitted: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))


def _grassroots_of(versions: list[OrgVersion]) -> dict[int, int]:
    """Each organization's TCCSĐ (itself, or the one above it on its path)."""
    grassroots = {v.org_id for v in versions if v.kind in GRASSROOTS_KINDS}
    found = {}
    for version in versions:
        on_path = [int(part) for part in version.path.strip("/").split("/") if part]
        owners = [org_id for org_id in on_path if org_id in grassroots]
        if owners:
            found[version.org_id] = owners[0]
    return found


def _admitted(scope: Scope, units: dict[int, UnitCounts], owner: dict[int, int]) -> None:
    """The members admitted from START to END in each TCCSĐ's cells (the cell of their
    admission, placed in the tree of END), by attribute; the age band on END."""
    admitted = Membership.objects.filter(
        start="ADMITTED", valid_from__range=(scope.start, scope.end), org_id__in=list(owner)
    )
    groups = {"total": Value(""), "age_band": age_band_expression(scope),
              **{name: F(f"member__{name}") for name in FORM_ATTRIBUTES}}  # fmt: skip
    for key, expression in groups.items():
        rows = (
            admitted.annotate(code=expression)
            .values_list("org_id", "code")
            .annotate(n=Count("member_id", distinct=True))
            .order_by()
        )
        for org_id, code, n in rows:
            units[owner[org_id]].admitted[key][code or ""] += n


def grassroots_counts(scope: Scope) -> list[UnitCounts]:
    """Every TCCSĐ of the scope on END, in Vietnamese order of their names, with counts."""
    versions = versions_visible(user=scope.user, as_of=scope.end, root=scope.root)
    owner = _grassroots_of(versions)
    units = {v.org_id: UnitCounts(v) for v in versions if v.kind in GRASSROOTS_KINDS}
    for version in versions:
        if version.org_id in owner and version.org_id not in units:
            units[owner[version.org_id]].cells += 1
    roll = members_on_roll(scope)
    groups = {"status": status_expression(scope.end, prefix="member__"),
              "age_band": age_band_expression(scope)}  # fmt: skip
    for key, expression in groups.items():
        rows = roll.values_list("org_id", expression).annotate(n=Count("id")).order_by()
        for org_id, code, n in rows:
            if org_id in owner:
                units[owner[org_id]].counts[key][code or ""] += n
    for name in FORM_ATTRIBUTES:
        rows = roll.values_list("org_id", f"member__{name}").annotate(n=Count("id")).order_by()
        for org_id, code, n in rows:
            if org_id in owner:
                units[owner[org_id]].counts[name][code or ""] += n
    _admitted(scope, units, owner)
    return sorted(units.values(), key=lambda unit: collation_key(unit.version.name))
