"""The Charter's size thresholds, each pinned on both sides, with their words."""

import datetime as dt

import pytest

from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.organizations.models import OrgKind
from dangvu.organizations.rulesets import SIZES, SizeWarning, shared_warnings

RULES = rules_for(SIZES, dt.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("kind", "official", "total", "codes"),
    [
        # At least 3 official members in a cell.
        (OrgKind.CELL, 2, 4, ["CELL_TOO_SMALL"]),
        (OrgKind.CELL, 3, 3, []),
        (OrgKind.GRASSROOTS_CELL, 2, 2, ["CELL_TOO_SMALL"]),
        # A chi ủy from 9 official members.
        (OrgKind.CELL, 8, 10, []),
        (OrgKind.CELL, 9, 10, ["NEEDS_CELL_COMMITTEE"]),
        # A grassroots organization of 30 members or more is a đảng bộ cơ sở.
        (OrgKind.GRASSROOTS_CELL, 8, 29, []),
        (OrgKind.GRASSROOTS_CELL, 8, 30, ["SHOULD_BE_COMMITTEE"]),
        (OrgKind.GRASSROOTS_CELL, 25, 30, ["SHOULD_BE_COMMITTEE", "NEEDS_CELL_COMMITTEE"]),
        (OrgKind.GRASSROOTS_COMMITTEE, 20, 29, ["SHOULD_BE_CELL"]),
        (OrgKind.GRASSROOTS_COMMITTEE, 20, 30, []),
        (OrgKind.UPPER_COMMITTEE, 0, 0, []),
        (OrgKind.SUB_COMMITTEE, 0, 0, []),
    ],
)
def test_size_warnings_on_both_sides_of_each_threshold(
    kind: str, official: int, total: int, codes: list[str]
) -> None:
    warnings = RULES.size_warnings(kind=kind, official=official, total=total)

    assert [warning.code for warning in warnings] == codes


@pytest.mark.parametrize(
    ("kind", "official", "total", "message", "severity"),
    [
        (OrgKind.CELL, 2, 4, "Chi bộ dưới 3 đảng viên chính thức", "WARNING"),
        (OrgKind.GRASSROOTS_CELL, 8, 30, "Từ 30 đảng viên: nên là đảng bộ cơ sở", "WARNING"),
        (OrgKind.GRASSROOTS_COMMITTEE, 8, 29, "Dưới 30 đảng viên: nên là chi bộ cơ sở", "WARNING"),
        (OrgKind.CELL, 9, 9, "Từ 9 đảng viên chính thức: bầu chi ủy", "NOTICE"),
    ],
)
def test_each_warning_states_the_rule_sets_number(
    kind: str, official: int, total: int, message: str, severity: str
) -> None:
    (warning,) = RULES.size_warnings(kind=kind, official=official, total=total)

    assert (warning.message, warning.severity) == (message, severity)


def test_the_2011_charter_applies_from_its_congress() -> None:
    assert rules_for(SIZES, dt.date(2011, 1, 19)).regulation == "Điều lệ Đảng 2011, Điều 21, 24"
    assert rules_for(SIZES, dt.date(2011, 1, 18)).regulation == "Điều lệ Đảng trước năm 2011"
    assert rules_for(SIZES, dt.date(1930, 2, 3)).regulation == "Điều lệ Đảng trước năm 2011"
    with pytest.raises(NoRuleSet, match="03/02/1930"):
        rules_for(SIZES, dt.date(1930, 2, 2))


def _notice(code: str) -> SizeWarning:
    return SizeWarning(code, 9, 9, 9, "NOTICE")


def test_a_notice_on_most_rows_is_said_once_and_leaves_the_rows() -> None:
    rows = [[_notice("NEEDS_CELL_COMMITTEE")]] * 4 + [[_notice("CELL_TOO_SMALL")]]

    said, left = shared_warnings(rows)

    message = "Từ 9 đảng viên chính thức: bầu chi ủy"
    assert [(w.message, w.count, w.of) for w in said] == [(message, 4, 5)]
    assert [[w.code for w in row] for row in left] == [[], [], [], [], ["CELL_TOO_SMALL"]]


def test_a_notice_on_half_the_rows_or_fewer_than_three_stays_on_its_rows() -> None:
    half = [[_notice("A")], [_notice("A")], [], []]
    two = [[_notice("B")], [_notice("B")]]

    assert shared_warnings(half)[0] == [] and shared_warnings(half)[1] == half
    assert shared_warnings(two)[0] == []
