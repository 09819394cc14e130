"""The organization tree in headless Chromium: a row opens and closes the level under it,
and the search box finds an organization by part of its name typed without accents."""

import pytest
from playwright.sync_api import Page, expect

from conftest import AddMember, MakeUser, Tree
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_row_opens_and_closes_the_level_under_it(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    url = str(live_server)
    log_in(page, url, "tochuc")

    page.goto(f"{url}/app/orgs/")
    page.wait_for_load_state()
    rows = page.locator("#tree tr[data-code]")
    expect(rows).to_have_count(3)  # the committee and the level under it
    expect(page.locator("#tree")).not_to_contain_text("Chi bộ Văn phòng")

    toggle = page.locator('#tree tr[data-code="CSA"] .tree-toggle')
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    office = page.locator('#tree tr[data-code="CSA-1"]')
    expect(office).to_contain_text("Chi bộ Văn phòng")
    expect(office.locator("td.text-end").nth(1)).to_have_text("1")
    # Right under its đảng bộ, not at the end of the table.
    expect(rows.nth(3)).to_have_attribute("data-code", "CSA-2")

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(rows).to_have_count(3)
    toggle.click()
    expect(rows).to_have_count(5)


def test_the_search_box_finds_an_organization_typed_without_accents(
    live_server: object, page: Page, tree: Tree, make_user: MakeUser
) -> None:
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    url = str(live_server)
    log_in(page, url, "tochuc")

    page.goto(f"{url}/app/orgs/")
    page.wait_for_load_state()
    page.fill("#tree-q", "thanh tra")

    found = page.locator("#tree .tree-found")
    expect(found).to_contain_text("Đảng bộ Sở Tài chính › Chi bộ Thanh tra (CSA-2)")
    page.wait_for_load_state("networkidle")
    found.locator("a").first.click()
    expect(page.locator("h1")).to_have_text("Chi bộ Thanh tra")
