"""Pure rules about the organization tree: which kind may sit under which, and size warnings."""

import datetime as dt
from dataclasses import dataclass

from dangvu.common.periods import in_force
from dangvu.organizations.models import OrgKind

# Điều lệ Đảng (2011) Điều 21–24; Quy định 294-QĐ/TW mục 1 keeps the same hierarchy.
ALLOWED_PARENT_KINDS: dict[str, tuple[str | None, ...]] = {
    OrgKind.UPPER_COMMITTEE: (None,),
    OrgKind.GRASSROOTS_COMMITTEE: (OrgKind.UPPER_COMMITTEE,),
    OrgKind.GRASSROOTS_CELL: (OrgKind.UPPER_COMMITTEE,),
    OrgKind.SUB_COMMITTEE: (OrgKind.GRASSROOTS_COMMITTEE,),
    OrgKind.CELL: (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.SUB_COMMITTEE),
}


def parent_allowed(kind: str, parent_kind: str | None) -> bool:
    """A grassroots organization sits under an upper committee, a cell under a đảng bộ."""
    return parent_kind in ALLOWED_PARENT_KINDS[kind]


@dataclass(frozen=True)
class SizeRules:
    """Size thresholds of the Party Charter, with the document that sets them."""

    source: str
    min_official_in_cell: int
    grassroots_committee_from: int
    cell_committee_from: int


# Điều lệ Đảng (2011) Điều 21.2 (≥3 official members), Điều 24 (chi ủy from 9);
# TCCSĐ size split at 30 members. Unchanged by Quy định 232 (2025) and 294 (1/7/2025).
SIZE_RULES: list[tuple[dt.date, dt.date | None, SizeRules]] = [
    # Earlier charters are assumed to carry the same numbers (not verified; DOMAIN.md has
    # only the 2011 text). Kept so history before 2011 can be displayed.
    (
        dt.date(1900, 1, 1),
        dt.date(2011, 1, 19),
        SizeRules(
            source="Điều lệ Đảng trước 2011 (giả định như 2011)",
            min_official_in_cell=3,
            grassroots_committee_from=30,
            cell_committee_from=9,
        ),
    ),
    (
        dt.date(2011, 1, 19),
        None,
        SizeRules(
            source="Điều lệ Đảng 2011, Điều 21, 24",
            min_official_in_cell=3,
            grassroots_committee_from=30,
            cell_committee_from=9,
        ),
    ),
]


def size_rules_for(as_of: dt.date) -> SizeRules:
    return in_force(SIZE_RULES, as_of)


@dataclass(frozen=True)
class SizeWarning:
    code: str
    official: int
    total: int
    # NOTICE: a duty that follows from the size (elect a chi ủy), which the registry cannot
    # yet check; WARNING: the organization's form does not fit its size.
    severity: str = "WARNING"


def size_warnings(*, kind: str, official: int, total: int, rules: SizeRules) -> list[SizeWarning]:
    """Warnings, not errors: each threshold allows exceptions with the higher committee's
    written consent, so the dashboard flags them and nothing is refused."""
    warnings = []
    if kind in (OrgKind.CELL, OrgKind.GRASSROOTS_CELL) and official < rules.min_official_in_cell:
        warnings.append(SizeWarning("CELL_TOO_SMALL", official, total))
    if kind == OrgKind.GRASSROOTS_CELL and total >= rules.grassroots_committee_from:
        warnings.append(SizeWarning("SHOULD_BE_COMMITTEE", official, total))
    if kind == OrgKind.GRASSROOTS_COMMITTEE and total < rules.grassroots_committee_from:
        warnings.append(SizeWarning("SHOULD_BE_CELL", official, total))
    if kind in (OrgKind.CELL, OrgKind.GRASSROOTS_CELL) and official >= rules.cell_committee_from:
        warnings.append(SizeWarning("NEEDS_CELL_COMMITTEE", official, total, "NOTICE"))
    return warnings
