"""The Organization board's lifecycle work, clicked through in headless Chromium."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.models import AdministrativeUnit
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _act(page: Page, action: str, **fields: str) -> None:
    page.locator(f"[data-action-item={action}] > summary").click()
    form = page.locator(f"form[data-action={action}]")
    for name, value in fields.items():
        control = form.locator(f"[name={name}]")
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.locator("button[type=submit]").click()


def _pick(page: Page, name: str, query: str, expected: str) -> None:
    """Type QUERY into the picker NAME and choose the suggestion that starts with EXPECTED,
    as a user picks from the list (the suggestion is what the field then holds)."""
    field = page.locator(f"[name={name}]")
    field.fill(query)
    option = page.locator(f"#{field.get_attribute('list')} option").first
    expect(option).to_have_attribute("value", re.compile("^" + re.escape(expected)))
    field.fill(option.get_attribute("value") or "")


def test_a_candidate_is_taken_through_the_pipeline_to_official_member(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    first = add_member(tree.cell_a1, full_name="Lê Văn Một")
    second = add_member(tree.cell_a1, full_name="Phạm Thị Hai", gender="F")
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    url = str(live_server)
    log_in(page, url, "tochuc")

    page.goto(f"{url}/app/members/admissions/new/")
    for name, value in {
        "cell": "CSA-1", "full_name": "Hoàng Thị Mới", "birth_date": "02/04/2000",
        "awareness_class_date": "10/01/2025", "application_date": "01/03/2025",
        "biography_date": "01/04/2025", "biography_verified_date": "01/05/2025",
        "introducers_months_together": "14", "mass_org_comments_date": "20/05/2025",
    }.items():  # fmt: skip
        page.fill(f"[name={name}]", value)
    for name, query, introducer in (("introducer_1", "le van mot", first),
                                     ("introducer_2", "pham thi", second)):  # fmt: skip
        _pick(page, name, query, f"{introducer.full_name} (15/03/1985)")
    page.select_option("[name=gender]", "F")
    page.click("form.admission-form button[type=submit]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "OPEN")

    _act(page, "propose", on="02/06/2025")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "PROPOSED")
    # CSA-1 is a cell inside a đảng bộ cơ sở: its đảng ủy resolves before the decision.
    _act(page, "grassroots", on="20/06/2025")
    expect(page.locator("main")).to_contain_text("Nghị quyết đảng ủy cơ sở đề nghị kết nạp")
    _act(page, "decide", on="15/07/2025")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "DECIDED")
    expect(page.locator("text=Tải quyết định (DOCX)")).to_be_visible()
    _act(page, "ceremony", on="01/08/2025")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "ADMITTED")

    page.click("text=Hồ sơ đảng viên")
    expect(page.locator("h1")).to_contain_text("Hoàng Thị Mới")
    expect(page.locator("main")).to_contain_text("Dự bị")
    _act(page, "recognition_propose", on="10/08/2026")
    # The đảng ủy of CSA resolves on recognition too (15-KNĐ) before the decision.
    _act(page, "recognition_grassroots", on="17/08/2026")
    _act(page, "recognize", on="25/08/2026")

    expect(page.locator("main")).to_contain_text("Chính thức")
    expect(page.locator("dl")).to_contain_text("01/08/2026")  # the exact 12-month day
    expect(page.locator("text=Quyết định công nhận chính thức (DOCX)")).to_be_visible()


def test_a_member_is_transferred_between_two_grassroots_organizations(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1, full_name="Trần Văn Chuyển")
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    url = str(live_server)
    log_in(page, url, "tochuc")
    page.goto(f"{url}/app/members/{member.pk}/")

    _act(page, "transfer", kind="INTERNAL", on="01/10/2026", to_cell="CSB")
    expect(page.locator("[data-member-state]")).to_have_attribute("data-member-state", "IN_TRANSIT")
    _act(page, "letter", on="05/10/2026", dues_paid_until="09/2026")
    page.goto(f"{url}/app/members/?org=CSA")
    expect(page.locator(".member-table")).to_contain_text("Trần Văn Chuyển")  # counted at home

    page.goto(f"{url}/app/members/{member.pk}/")
    _act(page, "arrive", on="15/10/2026")

    expect(page.locator("[data-member-state]")).to_have_count(0)
    page.goto(f"{url}/app/members/?org=CSB")
    expect(page.locator(".member-table")).to_contain_text("Trần Văn Chuyển")
    page.goto(f"{url}/app/members/?org=CSA")
    expect(page.locator(".member-table")).not_to_contain_text("Trần Văn Chuyển")


def test_a_temporary_transfer_gets_its_letter_and_a_member_in_transit_is_removed(
    live_server: object,
    page: Page,
    tree: Tree,
    add_member: AddMember,
    make_user: MakeUser,
    signed: None,
) -> None:
    # A transactional test starts with no reference data: the unit the record names.
    thanh_hoa, _new = AdministrativeUnit.objects.get_or_create(
        scheme="2008", level="PROVINCE", code="38", defaults={"name": "Thanh Hóa"}
    )
    away = add_member(tree.cell_a1, full_name="Đỗ Văn Tạm", hometown_province=thanh_hoa)
    lost = add_member(tree.cell_a2, full_name="Mai Thị Vắng", gender="F")
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    url = str(live_server)
    log_in(page, url, "tochuc")

    page.goto(f"{url}/app/members/{away.pk}/")
    _act(page, "transfer", kind="TEMPORARY_WORK", on="01/09/2026",
         other_party="Đảng ủy Sở Y tế tỉnh Nghệ An", expected_return="01/03/2027")  # fmt: skip
    expect(page.locator("[data-member-state]")).to_have_attribute("data-member-state", "AWAY")
    _act(page, "letter", on="03/09/2026", dues_paid_until="08/2026")
    expect(page.locator("main")).to_contain_text("giấy giới thiệu 03/09/2026")
    letter = page.locator("text=Giấy giới thiệu sinh hoạt đảng (DOCX)")
    with page.expect_download() as download:
        letter.click()
    assert download.value.suggested_filename.endswith(".docx")

    page.goto(f"{url}/app/members/{lost.pk}/")
    _act(page, "transfer", kind="INTERNAL", on="01/10/2026", to_cell="CSB")
    _act(page, "letter", on="05/10/2026", dues_paid_until="09/2026")
    _act(page, "exit", reason="REMOVED", detail="NO_ACTIVITY_OR_DUES", on="20/11/2026")
    expect(page.locator("[data-member-state]")).to_have_attribute("data-member-state", "EXITED")
    # The removal is the committee's decision, numbered in its register; it says what the
    # record lacks (her quê quán) instead of printing dots.
    page.locator("text=Quyết định xóa tên (DOCX)").click()
    expect(page.locator(".alert")).to_contain_text("hồ sơ còn thiếu quê quán")
    page.goto(f"{url}/app/members/?org=CSA-2")
    expect(page.locator("[data-count]")).to_have_attribute("data-count", "0")


def test_the_dashboard_shows_an_overdue_recognition(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    today = TODAY
    ceremony = dt.date(today.year - 2, today.month, 1)
    add_member(
        tree.cell_a1,
        full_name="Võ Thị Quá Hạn",
        gender="F",
        admission_date=ceremony,
        official_date=None,
        joined_on=ceremony,
    )
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    url = str(live_server)

    log_in(page, url, "bithu")

    row = page.locator(".deadline-table tr", has_text="Võ Thị Quá Hạn")
    expect(row).to_contain_text("Chi bộ xét công nhận chính thức")
    expect(row).to_have_attribute("data-bucket", "OVERDUE")


def test_the_badge_list_of_an_occasion_is_exported(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    add_member(tree.cell_a1, full_name="Ngô Thị Bốn", gender="F", birth_date=dt.date(1960, 1, 1),
               admission_date=dt.date(1986, 12, 1), official_date=dt.date(1987, 12, 1))  # fmt: skip
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    url = str(live_server)
    log_in(page, url, "tochuc")

    page.goto(f"{url}/app/members/badges/?occasion=03/02/2027")
    expect(page.locator(".badge-table")).to_contain_text("Ngô Thị Bốn")
    with page.expect_download() as download:
        page.click("[data-export=badges]")

    assert download.value.suggested_filename == "de-nghi-huy-hieu-dang-20270203.xlsx"
