"""Real headless Chromium: the header fits a 1024 px screen, menus grouped, the account menu
naming the person and their role, the language switch in view."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dangvu.web.tests.browser import log_in, nav_go

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_header_fits_on_one_line_with_the_account_menu_and_language_switch(
    width: int, live_server: object, page: Page, office: dict[str, Any]
) -> None:
    page.set_viewport_size({"width": width, "height": 768})
    url = str(live_server)

    log_in(page, url, "tochuc")

    expect(page.locator("h1")).to_have_text("Tổng quan")
    navbar = page.locator("nav.navbar")
    overflow = navbar.evaluate("nav => nav.scrollWidth - nav.clientWidth")
    assert overflow == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # One line: the brand, the last menu, the language switch and the account menu share a row.
    brand = page.locator(".navbar-brand").bounding_box()
    account = page.locator(".account-menu .dropdown-toggle").bounding_box()
    language = page.locator(".language-switch select").bounding_box()
    office_menu = page.locator("[data-menu=office] > a").bounding_box()
    assert brand and account and language and office_menu
    for box in (account, language, office_menu):
        assert abs(box["y"] + box["height"] / 2 - (brand["y"] + brand["height"] / 2)) < 8
    assert account["x"] + account["width"] <= width
    expect(page.locator(".language-switch select")).to_be_visible()
    expect(page.locator(".language-switch select")).to_have_value("vi")

    page.click(".account-menu .dropdown-toggle")

    menu = page.locator(".account-menu .dropdown-menu")
    expect(menu).to_be_visible()
    expect(menu).to_contain_text("Nguyễn Thị Phương Thảo")
    expect(menu.locator("[data-role]")).to_have_text("Ban Tổ chức – Đảng bộ Khối thử nghiệm")
    expect(menu.get_by_role("link", name="Đổi mật khẩu")).to_be_visible()
    expect(menu.get_by_role("link", name="Xác thực hai lớp")).to_be_visible()
    expect(menu.get_by_role("button", name="Đăng xuất")).to_be_visible()


def test_a_grouped_menu_opens_and_leads_to_its_page(
    live_server: object, page: Page, office: dict[str, Any]
) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    url = str(live_server)
    log_in(page, url, "tochuc")
    item = page.get_by_role("link", name="Việc đến hạn", exact=True, include_hidden=True)
    expect(item).to_be_hidden()

    nav_go(page, "Việc đến hạn")

    expect(page.locator("h1")).to_contain_text("Việc đến hạn")
    assert page.url == f"{url}/app/members/deadlines/"


def test_the_language_switch_turns_the_header_english_and_it_still_fits_at_1024_px(
    live_server: object, page: Page, office: dict[str, Any]
) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    url = str(live_server)
    log_in(page, url, "tochuc")
    expect(page.locator("h1")).to_have_text("Tổng quan")

    page.select_option(".language-switch select", "en")

    expect(page.locator("h1")).to_have_text("Overview")
    navbar = page.locator("nav.navbar")
    assert navbar.evaluate("nav => nav.scrollWidth - nav.clientWidth") == 0
    brand = page.locator(".navbar-brand").bounding_box()
    account = page.locator(".account-menu .dropdown-toggle").bounding_box()
    assert brand and account
    assert abs(account["y"] + account["height"] / 2 - (brand["y"] + brand["height"] / 2)) < 8
