"""Rule sets of the Party Charter's organization sizes: when a cell is too small, when a
grassroots organization should be a đảng bộ cơ sở rather than a chi bộ cơ sở, and when a
cell elects a chi ủy (docs/rules.md, "Organization sizes").

Each threshold allows exceptions with the higher committee's written consent, so breaking
one is a warning the dashboard shows, never a refusal.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from django.utils.translation import gettext_lazy

from dangvu.common.rulesets import RuleSet, SettingSource, Topic
from dangvu.organizations.models import OrgKind

_CELLS = (OrgKind.CELL, OrgKind.GRASSROOTS_CELL)


_MESSAGES = {
    "CELL_TOO_SMALL": gettext_lazy("Chi bộ dưới %(count)s đảng viên chính thức"),
    "SHOULD_BE_COMMITTEE": gettext_lazy("Từ %(count)s đảng viên: nên là đảng bộ cơ sở"),
    "SHOULD_BE_CELL": gettext_lazy("Dưới %(count)s đảng viên: nên là chi bộ cơ sở"),
    "NEEDS_CELL_COMMITTEE": gettext_lazy("Từ %(count)s đảng viên chính thức: bầu chi ủy"),
}


@dataclass(frozen=True)
class SizeWarning:
    code: str
    official: int
    total: int
    threshold: int  # the rule set's number the message names
    # NOTICE: a duty that follows from the size (elect a chi ủy), which the registry cannot
    # yet check; WARNING: the organization's form does not fit its size.
    severity: str = "WARNING"

    @property
    def message(self) -> str:
        """Translated when shown: the whole tree's 50,000 organizations are checked on each
        dashboard, and few of their notices are read."""
        return _MESSAGES[self.code] % {"count": self.threshold}


@dataclass(frozen=True)
class SharedWarning:
    """A size notice that applies to most organizations of a list, said once above it."""

    message: str
    severity: str
    count: int  # organizations it applies to
    of: int  # organizations listed


def shared_warnings(
    rows: list[list[SizeWarning]], *, share: float = 0.5, least: int = 3
) -> tuple[list[SharedWarning], list[list[SizeWarning]]]:
    """The notices of ROWS that apply to more than SHARE of them (and to at least LEAST),
    to say once above the list ("từ 9 đảng viên chính thức: bầu chi ủy" on 45 of 50 cells),
    and each row's other notices, in order."""
    seen: dict[str, list[SizeWarning]] = {}
    for warnings in rows:
        for warning in warnings:
            seen.setdefault(warning.code, []).append(warning)
    shared = {
        code: found
        for code, found in seen.items()
        if len(found) >= least and len(found) > share * len(rows)
    }
    said = [
        SharedWarning(found[0].message, found[0].severity, len(found), len(rows))
        for found in shared.values()
    ]
    return said, [[w for w in warnings if w.code not in shared] for warnings in rows]


@dataclass(frozen=True, eq=False)
class SizeRules(RuleSet):
    """The size thresholds of Điều lệ Đảng (2011): a party organization needs at least 3
    official members (Điều 21.2); a grassroots organization of 30 members or more is a
    đảng bộ cơ sở (Điều 21); a cell with 9 official members or more elects a chi ủy
    (Điều 24)."""

    min_official_in_cell: int = 3
    grassroots_committee_from: int = 30
    cell_committee_from: int = 9

    def size_warnings(self, *, kind: str, official: int, total: int) -> list[SizeWarning]:
        """What the organization's size says about its form, as warnings and notices."""
        found = []
        if kind in _CELLS and official < self.min_official_in_cell:
            found.append(SizeWarning("CELL_TOO_SMALL", official, total, self.min_official_in_cell))
        if kind == OrgKind.GRASSROOTS_CELL and total >= self.grassroots_committee_from:
            found.append(SizeWarning("SHOULD_BE_COMMITTEE", official, total,
                                     self.grassroots_committee_from))  # fmt: skip
        if kind == OrgKind.GRASSROOTS_COMMITTEE and total < self.grassroots_committee_from:
            found.append(SizeWarning("SHOULD_BE_CELL", official, total,
                                     self.grassroots_committee_from))  # fmt: skip
        if kind in _CELLS and official >= self.cell_committee_from:
            found.append(SizeWarning("NEEDS_CELL_COMMITTEE", official, total,
                                     self.cell_committee_from, "NOTICE"))  # fmt: skip
        return found


@dataclass(frozen=True, eq=False)
class SizeBefore2011(SizeRules):
    """The Charters before 2011 (1996, 2001, 2006) are not encoded; their thresholds are
    assumed to be 2011's, so that the tree's history can be shown."""

    valid_from: ClassVar[dt.date] = dt.date(1930, 2, 3)
    valid_to: ClassVar[dt.date | None] = dt.date(2011, 1, 19)
    regulation: ClassVar[str] = "Điều lệ Đảng trước năm 2011"
    uncertain: ClassVar[Mapping[str, SettingSource]] = {
        name: SettingSource("assumed from Điều lệ 2011", "LOW")
        for name in ("min_official_in_cell", "grassroots_committee_from", "cell_committee_from")
    }


@dataclass(frozen=True, eq=False)
class SizeCharter2011(SizeRules):
    """Điều lệ Đảng (19/1/2011) Điều 21, 24; unchanged by Quy định 232-QĐ/TW and
    294-QĐ/TW (2025)."""

    valid_from: ClassVar[dt.date] = dt.date(2011, 1, 19)
    valid_to: ClassVar[dt.date | None] = None
    regulation: ClassVar[str] = "Điều lệ Đảng 2011, Điều 21, 24"


SIZES: Topic[SizeRules] = Topic(
    "organization_sizes",
    gettext_lazy("quy mô tổ chức đảng"),
    [SizeBefore2011(), SizeCharter2011()],
)
