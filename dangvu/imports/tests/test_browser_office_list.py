"""A printed list in headless Chromium: upload a two-row-header workbook with group rows,
see how each row was read, correct a misread one, commit."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from conftest import MakeUser, Tree
from dangvu.imports.tests.office_lists import two_row_header_xlsx
from dangvu.members.models import Member
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rows_read_as_groups_are_listed_and_a_misread_row_is_corrected_before_commit(
    live_server: object, page: Page, tree: Tree, make_user: MakeUser, tmp_path: Path
) -> None:
    path, expected = two_row_header_xlsx(tmp_path / "danh-sach.xlsx")
    workbook = load_workbook(path)
    workbook.active["B17"] = "Danh sách kèm theo công văn số 12"  # a note read as a member
    workbook.save(path)
    make_user("admin", Role.ADMIN)
    url = str(live_server)
    log_in(page, url, "admin")

    page.goto(f"{url}/app/imports/")
    page.set_input_files("#id_file", str(path))
    page.click("form.upload-form button[type=submit]")
    expect(page.locator(".problem-table")).to_contain_text("Ô bắt buộc đang để trống")
    kinds = page.locator("table.row-kinds")
    expect(kinds.locator('tr[data-row="9"]')).to_contain_text("I ĐẢNG VIÊN CHÍNH THỨC")
    expect(kinds.locator('select[name="kind-0-9"]')).to_have_value("group")
    expect(kinds.locator('select[name="kind-0-13"]')).to_have_value("group")
    expect(kinds.locator('select[name="kind-0-16"]')).to_have_value("total")
    expect(kinds.locator('select[name="kind-0-18"]')).to_have_value("note")

    page.fill("input[name=other-row]", "17")
    page.select_option("select[name=other-kind]", "note")
    page.click("form.mapping-form button[type=submit]")
    expect(page.locator(".import-summary")).to_contain_text("5 tạo mới")
    expect(page.locator(".problem-table")).to_have_count(0)
    expect(kinds.locator('tr[data-row="17"]')).to_contain_text("đã sửa")
    expect(page.locator(".preview-new tbody tr")).to_have_count(5)

    page.click(".js-commit")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "COMMITTED")
    official = {m.national_id: m.official_date for m in Member.objects.all()}
    assert official == {one.national_id: one.official for one in expected.members}
