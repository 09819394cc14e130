"""Plans in real headless Chromium: a cell's secretary makes a plan with a measured target
and a task, records the task's progress, holds a cell meeting and marks who attended,
downloads its minutes, and sees a conclusion become a task of the plan."""

import io

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from conftest import AddMember, MakeUser, Tree
from dangvu.organizations.roles import Role
from dangvu.plans.models import Task
from dangvu.web.tests.browser import log_in, nav_go

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_secretary_plans_meets_and_turns_a_conclusion_into_a_task(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    present = add_member(tree.cell_a1, full_name="Nguyễn Thị Có Mặt", gender="F")
    away = add_member(tree.cell_a1, full_name="Trần Văn Vắng")
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    url = str(live_server)

    log_in(page, url, "bithu")
    nav_go(page, "Kế hoạch")
    page.fill("#id_committee", "CSA-1")
    page.fill("#id_year", "2026")
    page.fill("#id_title", "Kế hoạch công tác năm 2026 của Chi bộ Văn phòng")
    page.click("button:has-text('Ghi')")
    expect(page.locator("h1")).to_have_text("Kế hoạch công tác năm 2026 của Chi bộ Văn phòng")

    page.fill("#id_name", "Kết nạp 2 đảng viên mới")
    page.select_option("#id_kind", "MEASURED")
    page.select_option("#id_measure", "admissions")
    page.fill("#id_goal", "2")
    page.click("button:has-text('Ghi chỉ tiêu')")
    expect(page.locator(".target-table")).to_contain_text("Số đảng viên mới kết nạp trong năm")
    expect(page.locator(".target-status")).to_have_text("Có nguy cơ không đạt")

    page.fill("#id_title", "Rà soát hồ sơ quần chúng ưu tú")
    page.select_option("#id_owner_board", "ORGANIZATION")
    page.fill("#id_deadline", "31/12/2026")
    page.click("button:has-text('Ghi nhiệm vụ')")
    page.click("text=Rà soát hồ sơ quần chúng ưu tú")
    page.fill(".progress-form #id_on", "20/11/2026")
    page.fill(".progress-form #id_percent", "60")
    page.fill(".progress-form #id_note", "Đã rà soát 3 hồ sơ")
    page.click("button:has-text('Ghi tiến độ')")
    expect(page.locator(".task-percent")).to_have_text("60%")
    expect(page.locator(".progress-table")).to_contain_text("Đã rà soát 3 hồ sơ")

    nav_go(page, "Kế hoạch")
    page.click("text=Hội nghị, sinh hoạt chi bộ")
    page.fill("#id_org", "CSA-1")
    page.select_option("#id_kind", "CELL_MONTHLY")
    page.fill("#id_held_on", "20/11/2026")
    page.fill("#id_title", "Sinh hoạt chi bộ thường kỳ tháng 11/2026")
    page.fill("#id_chair", "Nguyễn Thị Có Mặt")
    page.fill("#id_secretary", "Trần Văn Vắng")
    page.fill("#id_guests", "Lê Văn Khách | Phó Bí thư Đảng ủy Sở Tài chính")
    page.click("button:has-text('Ghi')")
    expect(page.locator("h1")).to_have_text("Sinh hoạt chi bộ thường kỳ tháng 11/2026")
    expect(page.locator(".guest-list")).to_contain_text("Phó Bí thư Đảng ủy Sở Tài chính")

    page.select_option(f"#id_status_{away.pk}", "EXCUSED")
    page.fill(f"#id_reason_{away.pk}", "Đi công tác")
    page.click(".attendance-form button")
    expect(page.locator(".attendance-table")).to_contain_text("Vắng có lý do")
    expect(page.locator(".attendance-table")).to_contain_text(present.full_name)

    with page.expect_download() as download:
        page.click(".minutes-link")
    text = "\n".join(p.text for p in Document(io.BytesIO(download.value.path().read_bytes()))
                     .paragraphs)  # fmt: skip
    assert "BIÊN BẢN" in text and "Trần Văn Vắng: vắng có lý do (Đi công tác)" in text
    assert "Đồng chí Lê Văn Khách, Phó Bí thư Đảng ủy Sở Tài chính" in text

    page.fill("#id_conclusions", "Chi bộ thống nhất giao nhiệm vụ chuẩn bị lễ kết nạp")
    page.fill("#id_tasks", "Chuẩn bị lễ kết nạp đảng viên")
    page.select_option("#id_plan", label="Kế hoạch công tác năm 2026 của Chi bộ Văn phòng")
    page.fill(".conclude-form #id_deadline", "15/12/2026")
    page.select_option(".conclude-form #id_owner_board", "OFFICE")
    page.click("button:has-text('Ghi kết luận')")
    expect(page.locator(".task-list")).to_contain_text("Chuẩn bị lễ kết nạp đảng viên")
    page.click("text=Chuẩn bị lễ kết nạp đảng viên")
    expect(page.locator("h1")).to_have_text("Chuẩn bị lễ kết nạp đảng viên")
    assert Task.objects.get(title="Chuẩn bị lễ kết nạp đảng viên").meeting is not None
