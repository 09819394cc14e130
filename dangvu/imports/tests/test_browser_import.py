"""Upload, map, preview with errors, fix, commit, progress, undo — in headless Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import MakeUser, Tree
from dangvu.members.models import Member
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = [
    "1,Nguyễn Văn Nhập,15/03/1985,Nam,038085001001,19/05/2010,{cell}",
    "2,Trần Thị Mới,{birth},Nữ,038190001002,19/05/2011,{cell}",
]


def _csv(path: Path, cell_header: str, birth: str) -> Path:
    lines = ["DANH SÁCH ĐẢNG VIÊN", "",
             f"STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Ngày vào Đảng,{cell_header}"]  # fmt: skip
    lines += [row.format(cell="CSA-1", birth=birth) for row in ROWS]
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    return path


def test_upload_map_preview_fix_commit_and_undo(
    live_server: object, page: Page, tree: Tree, make_user: MakeUser, tmp_path: Path
) -> None:
    make_user("admin", Role.ADMIN)
    url = str(live_server)
    log_in(page, url, "admin")

    page.goto(f"{url}/app/imports/")
    page.set_input_files("#id_file", str(_csv(tmp_path / "ds.csv", "Đơn vị", "31/02/1990")))
    page.click("form.upload-form button[type=submit]")
    expect(page.locator(".problem-table")).to_contain_text("Thiếu cột bắt buộc: Chi bộ")

    page.select_option("select[name=col-6]", "cell")
    page.click("form.mapping-form button[type=submit]")
    expect(page.locator(".problem-table")).to_contain_text("Ngày không hợp lệ")
    expect(page.locator(".problem-table tbody tr")).to_have_count(1)
    expect(page.locator(".problem-table tbody tr td").first).to_have_text("5")
    assert not Member.objects.exists()

    page.goto(f"{url}/app/imports/")
    page.set_input_files("#id_file", str(_csv(tmp_path / "ds2.csv", "Mã chi bộ", "02/07/1990")))
    page.click("form.upload-form button[type=submit]")
    expect(page.locator(".import-progress")).to_have_attribute("value", "100")
    expect(page.locator(".import-summary")).to_contain_text("2 tạo mới")
    expect(page.locator(".preview-new tbody tr")).to_have_count(2)
    expect(page.locator(".preview-new")).to_contain_text("Trần Thị Mới")
    expect(page.locator(".preview-new")).to_contain_text("02/07/1990")

    page.click(".js-commit")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "COMMITTED")
    assert Member.objects.count() == 2

    page.click(".js-undo")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "UNDONE")
    assert Member.objects.count() == 0
