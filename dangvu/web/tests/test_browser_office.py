"""A clerk's day in headless Chromium: who changed what, from the audit log filtered by
person; a filtered member list exported in the printed shape, its title rows read back."""

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from conftest import AddMember, MakeUser, Tree
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_rename
from dangvu.web.tests.browser import log_in, nav_go

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_audit_log_filtered_by_person_shows_only_their_changes(
    live_server: object, page: Page, tree: Tree, office: dict[str, Any], make_user: MakeUser
) -> None:
    other = make_user("tochuc2", Role.ORGANIZATION_BOARD, tree.committee)
    other.first_name = "Lê Văn Khác"
    other.save(update_fields=["first_name"])
    on = dt.date(2026, 3, 1)
    org_rename(actor=office["clerk"], org=tree.cell_a1, new_name="Chi bộ Văn phòng Sở",
               effective_date=on)  # fmt: skip
    org_rename(actor=other, org=tree.cell_a2, new_name="Chi bộ Thanh tra Sở", effective_date=on)
    url = str(live_server)
    log_in(page, url, "tochuc")

    nav_go(page, "Nhật ký")
    page.fill("#id_person", "Thảo")
    page.click("form.audit-filter button[type=submit]")

    table = page.locator(".audit-table tbody")
    expect(table).to_contain_text("Nguyễn Thị Phương Thảo")
    expect(table).to_contain_text("Chi bộ Văn phòng")
    expect(table).not_to_contain_text("Lê Văn Khác")
    expect(table).not_to_contain_text("Chi bộ Thanh tra")
    assert "person=Th%E1%BA%A3o" in page.url


def test_a_filtered_list_exports_with_its_title_rows(
    live_server: object,
    page: Page,
    tree: Tree,
    office: dict[str, Any],
    add_member: AddMember,
    tmp_path: Path,
) -> None:
    add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    url = str(live_server)
    log_in(page, url, "tochuc")
    page.goto(f"{url}/app/members/?org=CSA-1&as_of=01/12/2026")
    expect(page.locator(".member-table")).not_to_contain_text("Lê Thị Hoa")  # in CSA-2

    with page.expect_download() as download:
        page.click("a.export-printed")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)

    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert cells[:3] == ["CHI BỘ VĂN PHÒNG", "DANH SÁCH ĐẢNG VIÊN", "Tính đến ngày 01/12/2026"]
    assert "STT" in cells and "Trạng thái" in cells
    assert {"Nguyễn Văn An", "Trần Thị Bình"} <= set(cells) and "Lê Thị Hoa" not in cells
    assert path.name == "dang-vien-csa-1-20261201.xlsx"
