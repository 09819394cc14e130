"""Real headless Chromium: the dashboard's charts follow the as-of date."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from conftest import AddMember, MakeUser, Tree
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_changing_the_as_of_date_changes_the_charts_numbers(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    add_member(tree.cell_a1, full_name="Lê Thị Hoa", gender="F")
    add_member(
        tree.grassroots_b,
        full_name="Ngô Văn Tài",
        admission_date=dt.date(2022, 3, 1),
        official_date=dt.date(2023, 3, 1),
    )
    url = str(live_server)
    log_in(page, url, "tochuc")
    expect(page.locator("h1")).to_have_text("Tổng quan")
    status = page.locator("svg[data-chart=status] rect")
    expect(status).to_have_count(2)
    assert [status.nth(i).get_attribute("data-value") for i in range(2)] == ["2", "0"]

    page.fill("#as_of", "30/06/2022")
    page.click(".as-of-picker button[type=submit]")

    expect(page.locator("svg[data-chart=status] rect").first).to_have_attribute("data-value", "1")
    expect(page.locator("svg[data-chart=status] rect").nth(1)).to_have_attribute("data-value", "1")
    years = page.locator("svg[data-chart=members-by-year] rect")
    expect(years).to_have_count(3)
    assert [years.nth(i).get_attribute("data-value") for i in range(3)] == ["1", "1", "2"]
    page.click("[data-chart-card=admissions-by-year] summary")
    expect(page.locator("[data-chart-card=admissions-by-year] table")).to_be_visible()
    expect(page.locator("[data-chart-card=admissions-by-year] caption")).to_contain_text(
        "30/06/2022"
    )
    page.screenshot(path="var/dashboard.png", full_page=True)
