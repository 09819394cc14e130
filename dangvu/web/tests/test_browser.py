"""Real headless Chromium (Debian's /usr/bin/chromium) driving the workspace."""

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from conftest import MakeUser, Tree
from dangvu.accounts.roles import Role

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are ordinary synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(f"{message.text} {message.location}") if message.type == "error" else None
        ),
    )
    yield page
    # Let htmx requests in flight finish, so no server thread still holds a connection
    # when the test database is dropped.
    page.wait_for_load_state("networkidle")
    context.close()
    assert errors == [], f"browser console errors (CSP?): {errors}"


def test_staff_logs_in_browses_the_tree_as_of_a_date_and_opens_a_member(
    live_server: object, page: Page, tree: Tree, add_member: object, make_user: MakeUser
) -> None:
    from dangvu.members.models import Member
    from dangvu.organizations.services import org_rename

    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    org_rename(
        actor=None,
        org=tree.grassroots_a,
        new_name="Đảng bộ Sở Tài chính tỉnh",
        effective_date=dt.date(2025, 3, 1),
    )
    add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")  # type: ignore[operator]
    member = Member.objects.get()
    url = str(live_server)

    page.goto(f"{url}/app/")
    page.fill("#id_username", "tochuc")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Tổng quan")

    page.click("text=Tổ chức đảng")
    expect(page.locator("#tree")).to_contain_text("Đảng bộ Sở Tài chính tỉnh")
    page.fill("#as_of", "2024-06-30")
    page.dispatch_event("#as_of", "change")
    expect(page.locator("#tree [data-as-of]")).to_have_attribute("data-as-of", "2024-06-30")
    expect(page.locator("#tree")).to_contain_text("Đảng bộ Sở Tài chính")
    expect(page.locator("#tree")).not_to_contain_text("Đảng bộ Sở Tài chính tỉnh")
    assert "as_of=2024-06-30" in page.url

    page.click("#tree >> text=Chi bộ Văn phòng")
    page.click("text=Trần Thị Bình")
    expect(page.locator("h1")).to_have_text("Trần Thị Bình")
    assert page.url.startswith(f"{url}/app/members/{member.pk}/")


def test_member_search_updates_as_the_user_types(
    live_server: object, page: Page, tree: Tree, add_member: object, make_user: MakeUser
) -> None:
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    add_member(tree.cell_a1, full_name="Nguyễn Văn Anh")  # type: ignore[operator]
    add_member(tree.cell_a2, full_name="Đặng Thị Hoa", gender="F")  # type: ignore[operator]
    url = str(live_server)
    page.goto(f"{url}/app/login/?next=/app/members/")
    page.fill("#id_username", "tochuc")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("button[type=submit]")
    expect(page.locator("[data-count]")).to_have_attribute("data-count", "2")

    page.fill("#id_q", "dang")

    expect(page.locator("[data-count]")).to_have_attribute("data-count", "1")
    expect(page.locator(".member-table")).to_contain_text("Đặng Thị Hoa")
    expect(page.locator(".member-table")).not_to_contain_text("Nguyễn Văn Anh")
