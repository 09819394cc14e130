"""Fixtures for tests that drive Debian's headless Chromium with Playwright."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# A loaded CI machine runs both databases' tests at once; assertions wait for the page up
# to 15 s instead of Playwright's 5 before they fail.
expect.set_options(timeout=15_000)
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture
def chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are ordinary synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def _keep_error(errors: list[str], message: Any) -> None:
    """Script errors and CSP violations; HTTP statuses are asserted by the tests."""
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        errors.append(f"{message.text} {message.location}")


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: _keep_error(errors, message))
    yield page
    # Let htmx requests in flight finish, so no server thread still holds a connection
    # when the test database is dropped.
    page.wait_for_load_state("networkidle")
    context.close()
    assert errors == [], f"browser console errors (CSP?): {errors}"


def log_in(page: Page, url: str, username: str, password: str = "mat-khau-dai-123") -> None:
    page.goto(f"{url}/app/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def search_members(page: Page, text: str) -> None:
    """Type TEXT into the member search and wait until the list shows the answer to *this*
    query: a count checked sooner could still be the previous query's."""
    page.wait_for_load_state()  # typing before htmx has loaded would send nothing
    page.fill("#id_q", text)
    expect(page.locator("[data-count]")).to_have_attribute("data-query", text)


def nav_go(page: Page, text: str) -> None:
    """Follow the top navigation's link TEXT, opening the menu that holds it first."""
    # A click on the menu before Bootstrap's script has loaded would open nothing.
    page.wait_for_load_state()
    nav = page.locator("nav.navbar")
    link = nav.get_by_role("link", name=text, exact=True, include_hidden=True)
    if not link.is_visible():
        menu = link.locator("xpath=ancestor::li[contains(@class, 'dropdown')]/a")
        menu.click()
        expect(link).to_be_visible()
    link.click()


def log_out(page: Page) -> None:
    page.click(".account-menu .dropdown-toggle")
    page.click(".account-menu >> text=Đăng xuất")


@pytest.fixture
def office(tree: Any, add_member: Any, make_user: Any) -> dict[str, Any]:
    """A staff member of the Organization Board with a long name, and two members: one on
    the roll since 2010, one admitted in 2022."""
    from dangvu.organizations.roles import Role

    clerk = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    clerk.first_name = "Nguyễn Thị Phương Thảo"
    clerk.save(update_fields=["first_name"])
    return {
        "clerk": clerk,
        "an": add_member(tree.cell_a1, full_name="Nguyễn Văn An"),
        "hoa": add_member(
            tree.cell_a2,
            full_name="Lê Thị Hoa",
            gender="F",
            admission_date=dt.date(2022, 3, 1),
            official_date=dt.date(2023, 3, 1),
        ),
    }
