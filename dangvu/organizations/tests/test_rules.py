import datetime as dt

import pytest

from dangvu.organizations.models import OrgKind
from dangvu.organizations.rules import parent_allowed, size_rules_for, size_warnings

RULES = size_rules_for(dt.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("kind", "official", "total", "codes"),
    [
        (OrgKind.CELL, 2, 4, ["CELL_TOO_SMALL"]),
        (OrgKind.CELL, 3, 3, []),
        (OrgKind.CELL, 9, 10, ["NEEDS_CELL_COMMITTEE"]),
        (OrgKind.GRASSROOTS_CELL, 25, 30, ["SHOULD_BE_COMMITTEE", "NEEDS_CELL_COMMITTEE"]),
        (OrgKind.GRASSROOTS_CELL, 8, 29, []),
        (OrgKind.GRASSROOTS_COMMITTEE, 20, 29, ["SHOULD_BE_CELL"]),
        (OrgKind.GRASSROOTS_COMMITTEE, 20, 30, []),
        (OrgKind.UPPER_COMMITTEE, 0, 0, []),
    ],
)
def test_size_warnings(kind: str, official: int, total: int, codes: list[str]) -> None:
    warnings = size_warnings(kind=kind, official=official, total=total, rules=RULES)

    assert [warning.code for warning in warnings] == codes


def test_size_rules_cite_the_charter() -> None:
    assert "Điều lệ Đảng" in RULES.source


@pytest.mark.parametrize(
    ("kind", "parent", "allowed"),
    [
        (OrgKind.UPPER_COMMITTEE, None, True),
        (OrgKind.GRASSROOTS_CELL, OrgKind.UPPER_COMMITTEE, True),
        (OrgKind.CELL, OrgKind.GRASSROOTS_COMMITTEE, True),
        (OrgKind.CELL, OrgKind.SUB_COMMITTEE, True),
        (OrgKind.CELL, OrgKind.UPPER_COMMITTEE, False),
        (OrgKind.CELL, OrgKind.GRASSROOTS_CELL, False),
        (OrgKind.GRASSROOTS_COMMITTEE, None, False),
    ],
)
def test_which_kind_may_sit_under_which(kind: str, parent: str | None, allowed: bool) -> None:
    assert parent_allowed(kind, parent) is allowed
