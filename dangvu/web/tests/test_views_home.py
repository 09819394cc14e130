"""The dashboard: its charts follow the as-of date and the user's scope."""

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from conftest import AddMember, MakeUser, Tree
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def roll(tree: Tree, add_member: AddMember) -> Tree:
    add_member(tree.cell_a1, full_name="Lê Thị Hoa", gender="F")
    add_member(
        tree.grassroots_b,
        full_name="Ngô Văn Tài",
        admission_date=D(2022, 3, 1),
        official_date=D(2023, 3, 1),
    )
    return tree


def _cells(html: str, key: str) -> list[str]:
    """The numbers of chart KEY's table, in order."""
    card = html.split(f'data-chart-card="{key}"', 1)[1].split("</figure>", 1)[0]
    return re.findall(r'<td class="text-end" data-value="(\d+)"', card)


def test_the_charts_follow_the_as_of_date(client: Client, roll: Tree, make_user: MakeUser) -> None:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, roll.committee))

    early = client.get("/app/?as_of=2022-06-30").content.decode()
    later = client.get("/app/?as_of=2023-06-30").content.decode()

    assert _cells(early, "members-by-year") == ["1", "1", "2"]
    assert _cells(early, "admissions-by-year") == ["0", "0", "1"]
    assert _cells(early, "status") == ["1", "1"]
    assert _cells(later, "status") == ["2", "0"]
    assert _cells(later, "members-by-year") == ["1", "1", "2", "2"]
    assert "số liệu tại ngày 30/06/2023" in later


def test_the_charts_follow_the_users_scope(client: Client, roll: Tree, make_user: MakeUser) -> None:
    client.force_login(make_user("bithu", Role.SECRETARY, roll.grassroots_b))

    html = client.get("/app/?as_of=2023-06-30").content.decode()

    assert _cells(html, "members-by-year") == ["0", "0", "1", "1"]
    assert _cells(html, "sector") == ["1", "1"]


def test_the_2025_restructuring_is_marked_and_every_chart_has_its_table(
    client: Client, roll: Tree, make_user: MakeUser
) -> None:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, roll.committee))

    html = client.get("/app/?as_of=2026-01-31").content.decode()

    assert html.count('class="chart-marker"') == 3
    assert "Sắp xếp tổ chức 01/07/2025" in html
    assert html.count('<svg class="chart"') == html.count("<caption>") == 7


def test_the_dashboard_costs_the_same_queries_for_more_members(
    client: Client,
    roll: Tree,
    add_member: AddMember,
    make_user: MakeUser,
    django_assert_max_num_queries: Any,
) -> None:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, roll.committee))
    with django_assert_max_num_queries(200) as first:
        client.get("/app/?as_of=2026-01-31")
    for index in range(10):
        add_member(roll.cell_a2, full_name=f"Trần Văn Số {index}")

    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/app/?as_of=2026-01-31")


def test_the_due_panel_says_it_is_about_today_and_warns_under_past_figures(
    client: Client, roll: Tree, make_user: MakeUser
) -> None:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, roll.committee))

    today = client.get("/app/").content.decode()
    past = client.get("/app/?as_of=2021-12-31").content.decode()

    assert "Việc đến hạn tính đến hôm nay, 26/11/2026" in today
    assert "data-due-notice" not in today
    assert "Các số liệu trên trang là của ngày 31/12/2021" in past
    assert "việc đến hạn luôn tính theo hôm nay (26/11/2026)" in past


def test_a_secretarys_dashboard_speaks_of_their_own_organization(
    client: Client, roll: Tree, make_user: MakeUser
) -> None:
    client.force_login(make_user("bithu", Role.SECRETARY, roll.grassroots_a))

    html = client.get("/app/?as_of=2026-01-31").content.decode()

    assert "Không có tổ chức nào hoạt động vào ngày này" not in html
    assert "Các đảng bộ cấp trên cơ sở" not in html
    assert 'data-unit="CSA"' in html
    assert "Chi bộ Văn phòng" in html and "Chi bộ Thanh tra" in html
