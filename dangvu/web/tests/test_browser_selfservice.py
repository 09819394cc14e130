"""Member self-service in real headless Chromium (issue 17's acceptance): `dangvien` sees only
their own record, asks for a correction, and the request reaches `tochuc`, the
Organization board, on the due list; accepted, the record reads the new value. axe-core
finds no serious problem on the member's page."""

import pytest
from playwright.sync_api import Page, expect

from conftest import AddMember, MakeUser, Tree
from dangvu.members.models import Member
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in, log_out
from dangvu.web.tests.test_browser_accessibility import AXE, RUN_AXE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_sees_only_their_record_and_a_correction_reaches_the_board(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    own = add_member(tree.cell_a1, full_name="Lý Văn Tư", workplace="Sở Nội vụ")
    other = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    make_user("dangvien", Role.MEMBER, member=own)
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    url = str(live_server)

    log_in(page, url, "dangvien")
    expect(page).to_have_url(f"{url}/app/me/")
    expect(page.locator("h1")).to_contain_text("Hồ sơ của tôi: Lý Văn Tư")
    expect(page.locator(".me-record")).to_contain_text("Sở Nội vụ")
    expect(page.locator("main")).not_to_contain_text("Trần Thị Bình")
    for path in (f"/app/members/{other.pk}/", f"/app/dues/members/{other.pk}/"):
        assert page.goto(f"{url}{path}").status == 404, path  # type: ignore[union-attr]
    assert page.goto(f"{url}/app/members/").status == 200  # type: ignore[union-attr]
    expect(page.locator("main")).not_to_contain_text("Trần Thị Bình")

    page.goto(f"{url}/app/me/")
    page.select_option("#id_field", label="Nơi làm việc")
    page.fill("#id_proposed_value", "Sở Tài chính tỉnh")
    page.fill("#id_reason", "Đã chuyển công tác từ tháng 9")
    page.click("button:has-text('Gửi yêu cầu')")
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi yêu cầu điều chỉnh hồ sơ")
    expect(page.locator(".me-corrections [data-status]")).to_have_text("Chờ xem xét")
    log_out(page)

    log_in(page, url, "tochuc")
    due = page.locator(".deadline-table tr", has_text="Xem xét yêu cầu điều chỉnh hồ sơ")
    expect(due).to_contain_text("Lý Văn Tư: Nơi làm việc")
    due.locator("a").click()
    expect(page.locator("[data-proposed]")).to_have_text("Sở Tài chính tỉnh")
    expect(page.locator("[data-current]")).to_have_text("Sở Nội vụ")
    page.fill("#id_decision_reason", "Đúng quyết định điều động")
    page.click("button:has-text('Chấp nhận và sửa hồ sơ')")
    expect(page.locator("[data-status]")).to_have_text("Đã chấp nhận")
    expect(page.locator("[data-current]")).to_have_text("Sở Tài chính tỉnh")
    page.goto(f"{url}/app/members/{own.pk}/")
    expect(page.locator("main")).to_contain_text("Sở Tài chính tỉnh")
    assert Member.objects.get(pk=own.pk).workplace == "Sở Tài chính tỉnh"
    log_out(page)

    log_in(page, url, "dangvien")
    expect(page.locator(".me-record")).to_contain_text("Sở Tài chính tỉnh")
    expect(page.locator(".me-corrections [data-status]")).to_have_text("Đã chấp nhận")


def test_the_members_page_has_no_serious_accessibility_problem(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    own = add_member(tree.cell_a1, full_name="Lý Văn Tư")
    make_user("dangvien", Role.MEMBER, member=own)
    page.add_init_script(path=str(AXE))
    page.set_viewport_size({"width": 1366, "height": 900})
    url = str(live_server)

    log_in(page, url, "dangvien")
    expect(page).to_have_url(f"{url}/app/me/")
    page.wait_for_load_state("networkidle")

    assert page.evaluate(RUN_AXE) == []
