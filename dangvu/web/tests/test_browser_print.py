"""Real headless Chromium: the "In" button and the print stylesheet of lists and records."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dangvu.web.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lists_and_records_print_with_the_committee_and_date_and_without_the_menus(
    live_server: object, page: Page, office: dict[str, Any]
) -> None:
    url = str(live_server)
    log_in(page, url, "tochuc")
    expect(page.locator("h1")).to_have_text("Tổng quan")
    printable = [
        "/app/members/",
        f"/app/members/{office['an'].pk}/",
        "/app/orgs/CSA/",
        "/app/members/deadlines/",
        "/app/members/badges/",
    ]

    for path in printable:
        page.emulate_media(media="screen")
        page.goto(f"{url}{path}")
        button = page.locator("button[data-print]")
        expect(button).to_be_visible()
        expect(button).to_have_text("In")
        expect(page.locator("[data-print-header]")).to_be_hidden()

        page.emulate_media(media="print")

        header = page.locator("[data-print-header]")
        expect(header).to_be_visible()
        expect(header).to_contain_text("ĐẢNG ỦY KHỐI THỬ NGHIỆM")
        expect(header).to_contain_text("In ngày 26/11/2026")
        expect(page.locator("nav.navbar")).to_be_hidden()
        expect(button).to_be_hidden()
        expect(page.locator("h1")).to_be_visible()


def test_the_print_button_opens_the_browsers_print_dialog(
    live_server: object, page: Page, office: dict[str, Any]
) -> None:
    url = str(live_server)
    log_in(page, url, "tochuc")
    page.goto(f"{url}/app/members/")
    # Headless Chromium has no dialog to show: record the call instead.
    page.evaluate("window.print = () => { document.body.dataset.printed = 'yes'; }")

    page.click("button[data-print]")

    expect(page.locator("body")).to_have_attribute("data-printed", "yes")


def test_a_printed_page_shows_its_as_of_date_and_keeps_table_rows_whole(
    live_server: object, page: Page, office: dict[str, Any]
) -> None:
    url = str(live_server)
    log_in(page, url, "tochuc")
    page.goto(f"{url}/app/orgs/CSA/?as_of=2024-06-30")

    page.emulate_media(media="print")

    expect(page.locator("[data-print-header]")).to_contain_text("Số liệu tại ngày 30/06/2024")
    expect(page.locator(".as-of-picker")).to_be_hidden()
    rows = page.evaluate("getComputedStyle(document.querySelector('tbody tr')).breakInside")
    assert rows == "avoid"
