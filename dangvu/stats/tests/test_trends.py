import datetime as dt
from typing import Any

import pytest

from conftest import AddMember, MakeUser, Tree
from dangvu.members.models import ExitReason
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgKind, Sector
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_create
from dangvu.stats.trends import makeup, yearly

D = dt.date


@pytest.fixture
def roll(tree: Tree, add_member: AddMember) -> Tree:
    """Two members since 2010 in CSA, one admitted in CSB in 2022, one in CSA in 2025
    (born 2000), and one who left CSA at the end of 2021."""
    add_member(tree.cell_a1, full_name="Lê Thị Hoa", gender="F", birth_date=D(1960, 1, 1))
    add_member(tree.cell_a2, full_name="Phạm Văn Hùng")
    add_member(
        tree.grassroots_b,
        full_name="Ngô Văn Tài",
        admission_date=D(2022, 3, 1),
        official_date=D(2023, 3, 1),
    )
    add_member(
        tree.cell_a1,
        full_name="Đỗ Thị Mai",
        gender="F",
        birth_date=D(2000, 6, 1),
        admission_date=D(2025, 8, 1),
        official_date=None,
    )
    add_member(
        tree.cell_a2,
        full_name="Vũ Văn Đi",
        exit_date=D(2022, 1, 1),
        exit_reason=ExitReason.DIED,
    )
    return tree


def _by_year(rows: list[Any], field: str) -> dict[int, int]:
    return {row.year: getattr(row, field) for row in rows}


def test_yearly_counts_members_organizations_and_admissions_on_each_year_end(roll: Tree) -> None:
    rows = yearly(user=OPERATOR, as_of=D(2026, 6, 30))

    assert [row.on for row in rows][-2:] == [D(2025, 12, 31), D(2026, 6, 30)]
    assert _by_year(rows, "members") == {
        2020: 3, 2021: 3, 2022: 3, 2023: 3, 2024: 3, 2025: 4, 2026: 4,
    }  # fmt: skip
    assert _by_year(rows, "grassroots_orgs") == dict.fromkeys(range(2020, 2027), 2)
    assert _by_year(rows, "admissions") == {
        2020: 0, 2021: 0, 2022: 1, 2023: 0, 2024: 0, 2025: 1, 2026: 0,
    }  # fmt: skip


def test_yearly_stops_at_the_as_of_date(roll: Tree) -> None:
    rows = yearly(user=OPERATOR, as_of=D(2025, 7, 31))

    assert rows[-1].year == 2025
    assert rows[-1].members == 3
    assert rows[-1].admissions == 0


def test_yearly_follows_the_users_scope(roll: Tree, make_user: MakeUser) -> None:
    secretary = make_user("bithu", Role.SECRETARY, roll.grassroots_b)

    rows = yearly(user=secretary, as_of=D(2026, 6, 30))

    assert _by_year(rows, "members")[2021] == 0
    assert _by_year(rows, "members")[2026] == 1
    assert _by_year(rows, "admissions")[2022] == 1
    assert _by_year(rows, "grassroots_orgs")[2026] == 1


def test_makeup_counts_age_bands_and_sectors_on_the_date(roll: Tree) -> None:
    found = makeup(user=OPERATOR, as_of=D(2026, 6, 30))

    assert found.age_bands == {
        "18-30": 1, "31-35": 0, "36-40": 0, "41-45": 2, "46-50": 0, "51-55": 0, "56-60": 0,
        "61+": 1,
    }  # fmt: skip
    assert found.members_by_sector[Sector.ADMINISTRATIVE] == 3
    assert found.members_by_sector[Sector.PARTY_MASS] == 1
    assert found.orgs_by_sector[Sector.ADMINISTRATIVE] == 1
    assert found.orgs_by_sector[Sector.PARTY_MASS] == 1


def test_an_age_band_turns_on_the_birthday(roll: Tree) -> None:
    before = makeup(user=OPERATOR, as_of=D(2030, 5, 31)).age_bands
    on_birthday = makeup(user=OPERATOR, as_of=D(2030, 6, 1)).age_bands

    assert before["18-30"] == 1
    assert on_birthday["18-30"] == 1  # 30 on the day: still in the band
    assert makeup(user=OPERATOR, as_of=D(2031, 5, 31)).age_bands["18-30"] == 1
    assert makeup(user=OPERATOR, as_of=D(2031, 6, 1)).age_bands["31-35"] == 1


def test_chart_figures_cost_the_same_queries_for_more_members_and_organizations(
    roll: Tree,
    add_member: AddMember,
    make_user: MakeUser,
    django_assert_max_num_queries: Any,
) -> None:
    secretary = make_user("tochuc", Role.ORGANIZATION_BOARD, roll.committee)
    as_of = D(2026, 6, 30)
    # The first reader also counts the seven days (two GROUP BYs each, stats.cell_counts);
    # after the additions the next one recounts the changed cells of each day instead.
    with django_assert_max_num_queries(70) as few:
        yearly(user=secretary, as_of=as_of)
        makeup(user=secretary, as_of=as_of)
    for index in range(5):
        cell = org_create(
            actor=OPERATOR,
            code=f"CSN{index}",
            name=f"Chi bộ mới {index}",
            kind=OrgKind.GRASSROOTS_CELL,
            sector=Sector.OTHER,
            parent=roll.committee,
            established_date=D(2021, 1, 1),
        )
        for person in range(3):
            add_member(cell, joined_on=D(2021, 1, 1), full_name=f"Trần Văn Số {index} {person}")
    secretary = make_user("tochuc2", Role.ORGANIZATION_BOARD, roll.committee)

    with django_assert_max_num_queries(len(few.captured_queries)):
        yearly(user=secretary, as_of=as_of)
        makeup(user=secretary, as_of=as_of)
