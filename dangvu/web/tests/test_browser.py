"""Real headless Chromium (Debian's /usr/bin/chromium) driving the workspace."""

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import MakeUser, Tree
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in, search_members

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_logs_in_browses_the_tree_as_of_a_date_and_opens_a_member(
    live_server: object, page: Page, tree: Tree, add_member: object, make_user: MakeUser
) -> None:
    from dangvu.members.models import Member
    from dangvu.organizations.services import org_rename

    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    org_rename(
        actor=OPERATOR,
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
    page.wait_for_load_state()  # htmx runs once the page has loaded, not when the tree shows
    page.fill("#as_of", "30/06/2024")
    page.press("#as_of", "Tab")  # leaving the field fires "change", which reloads the tree
    expect(page.locator("#tree [data-as-of]")).to_have_attribute("data-as-of", "2024-06-30")
    # A click while the tree request is in flight would be undone by its pushState.
    page.wait_for_load_state("networkidle")
    expect(page.locator("#tree")).to_contain_text("Đảng bộ Sở Tài chính")
    expect(page.locator("#tree")).not_to_contain_text("Đảng bộ Sở Tài chính tỉnh")
    assert "as_of=30%2F06%2F2024" in page.url

    page.click('#tree tr[data-code="CSA"] .tree-toggle')  # the tree opens above the cells
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

    search_members(page, "dang")

    expect(page.locator("[data-count]")).to_have_attribute("data-count", "1")
    expect(page.locator(".member-table")).to_contain_text("Đặng Thị Hoa")
    expect(page.locator(".member-table")).not_to_contain_text("Nguyễn Văn Anh")


@pytest.fixture
def two_committees(tree: Tree, add_member: Any) -> dict[str, Any]:
    from dangvu.organizations.models import OrgKind, Sector
    from dangvu.organizations.services import org_create

    other = org_create(
        actor=OPERATOR,
        code="DBX",
        name="Đảng bộ khác",
        kind=OrgKind.UPPER_COMMITTEE,
        sector=Sector.OTHER,
        parent=None,
        established_date=dt.date(2015, 1, 1),
    )
    unit_x = org_create(
        actor=OPERATOR,
        code="CSX",
        name="Chi bộ Công ty X",
        kind=OrgKind.GRASSROOTS_CELL,
        sector=Sector.NON_STATE_ENTERPRISE,
        parent=other,
        established_date=dt.date(2015, 1, 1),
    )
    return {
        "an": add_member(tree.cell_a1, full_name="Nguyễn Văn An"),
        "hoa": add_member(tree.cell_a2, full_name="Đặng Thị Hoa", gender="F"),
        "be": add_member(tree.grassroots_b, full_name="Phạm Văn Bê"),
        "ngoai": add_member(unit_x, full_name="Quách Thị Ngoại", gender="F"),
    }


def test_a_secretary_sees_only_their_organization(
    live_server: object,
    page: Page,
    tree: Tree,
    two_committees: dict[str, Any],
    make_user: MakeUser,
) -> None:
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    url = str(live_server)
    log_in(page, url, "bithu")

    expect(page.locator("[data-figure=members]")).to_have_text("2")
    page.goto(f"{url}/app/members/")
    expect(page.locator("[data-count]")).to_have_attribute("data-count", "2")
    expect(page.locator(".member-table")).to_contain_text("Nguyễn Văn An")
    expect(page.locator(".member-table")).to_contain_text("Đặng Thị Hoa")
    search_members(page, "pham")
    expect(page.locator("[data-count]")).to_have_attribute("data-count", "0")
    search_members(page, "ngoai")
    expect(page.locator("[data-count]")).to_have_attribute("data-count", "0")

    for outsider in (two_committees["be"], two_committees["ngoai"]):
        response = page.goto(f"{url}/app/members/{outsider.pk}/")
        assert response is not None and response.status == 404
    response = page.goto(f"{url}/app/orgs/CSB/")
    assert response is not None and response.status == 404


def test_a_member_opens_only_their_own_record(
    live_server: object,
    page: Page,
    tree: Tree,
    two_committees: dict[str, Any],
    make_user: MakeUser,
) -> None:
    own = two_committees["an"]
    make_user("dangvien", Role.MEMBER, member=own)
    url = str(live_server)

    log_in(page, url, "dangvien")

    expect(page.locator("h1")).to_have_text("Hồ sơ của tôi: Nguyễn Văn An")
    expect(page.locator("nav.navbar")).not_to_contain_text("Tổ chức đảng")
    expect(page.locator("text=Sửa hồ sơ")).to_have_count(0)
    colleague = page.goto(f"{url}/app/members/{two_committees['hoa'].pk}/")
    assert colleague is not None and colleague.status == 404
    tree_page = page.goto(f"{url}/app/orgs/")
    assert tree_page is not None and tree_page.status == 403
