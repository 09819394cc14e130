"""Dues in real headless Chromium: a secretary records a month's payments for the cell from
the collection screen and from a spreadsheet, sees the arrears warning, and the committee
sees the month's totals."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.dues.models import DuesPayment
from dangvu.dues.rules import Category
from dangvu.dues.services import Collected, dues_basis_set, dues_collect
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = dt.date


def test_a_secretary_collects_by_screen_and_sheet_and_the_committee_sees_the_totals(
    live_server: object,
    page: Page,
    tree: Tree,
    add_member: AddMember,
    make_user: MakeUser,
    tmp_path: Path,
) -> None:
    payer = add_member(tree.cell_a1, full_name="Nguyễn Văn Đóng")
    late = add_member(tree.cell_a1, full_name="Trần Thị Muộn", gender="F")
    for member in (payer, late):
        dues_basis_set(actor=OPERATOR, member=member, month=D(2026, 1, 1),
                       category=Category.SALARY_STATE, income=10_000_000, today=TODAY)  # fmt: skip
    for month in (D(2026, m, 1) for m in range(1, 9)):
        dues_collect(actor=OPERATOR, cell=tree.cell_a1, month=month, today=TODAY,
                     payments=[Collected(payer, 100_000, month)])  # fmt: skip
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    url = str(live_server)

    log_in(page, url, "bithu")
    page.goto(f"{url}/app/dues/CSA-1/2026-09/")
    expect(page.locator(".dues-arrears")).to_contain_text("Trần Thị Muộn: 9 tháng chưa đóng")
    page.fill(f"[name=amount_{payer.pk}]", "100000")
    page.fill("[name=paid_on]", "07/09/2026")
    page.click("button:has-text('Ghi khoản nộp')")
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi 1 khoản nộp")
    expect(page.locator(f"tr[data-member='{payer.national_id}']")).to_contain_text("đã ghi")

    page.click("text=Nhập bảng thu từ tệp")
    sheet = tmp_path / "thu-10-2026.csv"
    sheet.write_text(
        "BẢNG THU ĐẢNG PHÍ THÁNG 9/2026\nSTT,Họ và tên,Số CCCD,Số tiền nộp,Ngày nộp\n"
        f"1,Trần Thị Muộn,{late.national_id},100.000,10/09/2026\n",
        encoding="utf-8",
    )
    page.set_input_files("#id_file", str(sheet))
    page.click("button:has-text('Kiểm tra thử')")
    expect(page.locator("[data-summary]")).to_contain_text("1 khoản nộp")
    page.set_input_files("#id_file", str(sheet))
    page.click("button:has-text('Ghi bảng thu')")
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi 1 khoản nộp tháng 09/2026")
    assert DuesPayment.objects.filter(month=D(2026, 9, 1)).count() == 2
    log_out(page)

    log_in(page, url, "tochuc")
    page.goto(f"{url}/app/dues/?month=09/2026&org=DBK")
    expect(page.locator("[data-total=paid]")).to_have_text("200.000 đ")
    expect(page.locator("[data-total=owed]")).to_have_text("200.000 đ")
    expect(page.locator("tr[data-org='CSA-1']")).to_contain_text("60.000")  # kept: 30%
