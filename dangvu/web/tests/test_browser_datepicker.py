"""Real headless Chromium: every date field reads dd/mm/yyyy whatever the browser's locale,
with a calendar that writes the chosen day and keeps within the field's bounds."""

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from dangvu.web.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_a_day_in_the_calendar_fills_dd_mm_yyyy_and_the_list_follows(
    live_server: object, page: Page, office: dict[str, Any]
) -> None:
    url = str(live_server)
    log_in(page, url, "tochuc")
    page.goto(f"{url}/app/members/")
    page.wait_for_load_state()  # htmx listens once the page has loaded
    expect(page.locator("[data-count]")).to_have_attribute("data-count", "2")

    page.click("#as_of")
    calendar = page.get_by_role("dialog", name="Chọn ngày")
    expect(calendar).to_be_visible()
    calendar.get_by_label("Năm").select_option("2021")
    calendar.get_by_label("Tháng", exact=True).select_option(label="Tháng 6")
    calendar.get_by_role("button", name="15/06/2021").click()

    expect(calendar).to_be_hidden()
    expect(page.locator("#as_of")).to_have_value("15/06/2021")
    expect(page.locator("[data-count]")).to_have_attribute("data-count", "1")
    expect(page.locator(".member-table")).to_contain_text("Nguyễn Văn An")
    expect(page.locator(".member-table")).not_to_contain_text("Lê Thị Hoa")


def test_the_calendar_offers_no_day_before_the_partys_founding(
    live_server: object, page: Page, office: dict[str, Any]
) -> None:
    url = str(live_server)
    log_in(page, url, "tochuc")
    expect(page.locator("h1")).to_have_text("Tổng quan")

    page.click("#as_of")
    calendar = page.get_by_role("dialog", name="Chọn ngày")
    years = calendar.get_by_label("Năm").locator("option")
    expect(years.last).to_have_text("1930")
    calendar.get_by_label("Năm").select_option("1930")
    calendar.get_by_label("Tháng", exact=True).select_option(label="Tháng 2")

    expect(calendar.get_by_role("button", name="02/02/1930")).to_be_disabled()
    expect(calendar.get_by_role("button", name="03/02/1930")).to_be_enabled()
    expect(calendar.get_by_role("button", name="Tháng trước")).to_be_disabled()
    page.keyboard.press("Escape")
    expect(calendar).to_be_hidden()


def test_a_form_date_is_picked_from_the_keyboard(
    live_server: object, page: Page, office: dict[str, Any]
) -> None:
    url = str(live_server)
    log_in(page, url, "tochuc")
    page.goto(f"{url}/app/members/{office['an'].pk}/edit/")
    birth = page.locator("#id_birth_date")
    expect(birth).to_have_value("15/03/1985")

    birth.focus()
    page.keyboard.press("ArrowDown")  # opens the calendar on the field's day
    expect(page.locator(".datepicker-day:focus")).to_have_attribute("aria-label", "15/03/1985")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    expect(birth).to_have_value("23/03/1985")
    expect(birth).to_be_focused()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_dates_read_dd_mm_yyyy_in_an_english_browser_and_old_iso_links_still_work(
    live_server: object, chromium: Browser, office: dict[str, Any]
) -> None:
    context = chromium.new_context(locale="en-US")
    page = context.new_page()
    url = str(live_server)
    log_in(page, url, "tochuc")

    page.goto(f"{url}/app/members/?as_of=2021-06-15")

    expect(page.locator("#as_of")).to_have_value("15/06/2021")
    expect(page.locator("#as_of")).to_have_attribute("type", "text")
    expect(page.locator("[data-count]")).to_have_attribute("data-count", "1")
    page.goto(f"{url}/app/members/{office['an'].pk}/edit/")
    expect(page.locator("#id_birth_date")).to_have_value("15/03/1985")
    context.close()
