"""Inspection and discipline in real headless Chromium: the commission records a program,
an inspection and its conclusion, then a discipline decision (a form the cell may not give
is refused in Vietnamese); the decision shows on the member's record and holds back their
badge; the secretary reads the decision but not the case."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from conftest import AddMember, MakeUser, Tree
from dangvu.discipline.models import Check, Decision
from dangvu.members.pickers import member_label
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in, log_out, nav_go

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inspection_leads_to_a_decision_seen_on_the_record_and_the_badge_list(
    live_server: object, page: Page, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    # Thirty years of party age on 2/9/2026, not yet awarded: due on 3/2/2027.
    veteran = add_member(
        tree.cell_a1,
        full_name="Đỗ Văn Cựu",
        birth_date=dt.date(1970, 1, 1),
        admission_date=dt.date(1996, 9, 2),
        official_date=dt.date(1997, 9, 2),
    )
    make_user("kiemtra", Role.INSPECTION, tree.committee)
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    label = member_label(veteran, "Chi bộ Văn phòng")
    url = str(live_server)

    log_in(page, url, "kiemtra")
    nav_go(page, "Kiểm tra, kỷ luật")
    page.click("text=Chương trình kiểm tra, giám sát")
    page.fill("#id_committee", "DBK")
    page.select_option("#id_holder", "COMMISSION")
    page.fill("#id_title", "Chương trình kiểm tra, giám sát năm 2026")
    page.click("button:has-text('Ghi')")
    expect(page.locator("h1")).to_have_text("Chương trình kiểm tra, giám sát năm 2026")

    page.select_option("#id_activity", "INSPECTION")
    page.select_option("#id_kind", "SIGNS")
    page.fill("#id_subject_member", label)
    page.fill("#id_starts_on", "01/09/2026")
    page.fill("#id_ends_on", "30/09/2026")
    page.fill("#id_team", "Đoàn kiểm tra số 2")
    page.click("button:has-text('Ghi')")
    expect(page.locator("h1")).to_have_text("Kiểm tra khi có dấu hiệu vi phạm")

    page.fill("#id_findings", "Không tham gia sinh hoạt chi bộ ba kỳ liên tiếp")
    page.fill("#id_conclusion", "Vi phạm chế độ sinh hoạt đảng, đề nghị xem xét kỷ luật")
    page.fill("#id_concluded_on", "05/10/2026")
    page.fill("#id_recommendation", "Chi bộ tổ chức kiểm điểm")
    page.fill("#id_recommendation_due", "30/12/2026")
    page.click("button:has-text('Ghi kết luận')")
    expect(page.locator(".check-conclusion")).to_contain_text("đề nghị xem xét kỷ luật")
    expect(page.locator(".recommendation-table")).to_contain_text("Chi bộ tổ chức kiểm điểm")

    page.click("text=Ghi quyết định kỷ luật từ cuộc này")
    page.fill("#id_subject_member", label)
    page.select_option("#id_form", "EXPULSION")
    page.select_option("#id_body", "CELL")
    page.fill("#id_body_org", "CSA-1")
    page.fill("#id_number", "05-QĐ/CB")
    page.fill("#id_decided_on", "15/10/2026")
    page.fill("#id_violated_on", "01/08/2026")
    page.fill("#id_reason", "Vi phạm chế độ sinh hoạt đảng")
    page.click("button:has-text('Ghi')")
    expect(page.locator(".decision-form")).to_contain_text(
        "Chi bộ không có thẩm quyền quyết định hình thức khai trừ"
    )
    assert not Decision.objects.exists()
    page.select_option("#id_form", "REPRIMAND")
    page.click("button:has-text('Ghi')")
    expect(page.locator("h1")).to_have_text("Quyết định kỷ luật 05-QĐ/CB")
    expect(page.locator(".decision-facts")).to_contain_text("Kiểm tra khi có dấu hiệu vi phạm")
    assert Decision.objects.get().from_check == Check.objects.get()

    page.goto(f"{url}/app/members/{veteran.pk}/")
    expect(page.locator(".timeline")).to_contain_text(
        "Kỷ luật khiển trách (quyết định số 05-QĐ/CB)"
    )
    page.goto(f"{url}/app/members/badges/?occasion=03/02/2027")
    row = page.locator("tr", has_text="Đỗ Văn Cựu")
    expect(row).to_contain_text("Chờ hết thời hạn kỷ luật đến 15/04/2027")
    log_out(page)

    log_in(page, url, "bithu")
    nav_go(page, "Kỷ luật")
    expect(page.locator(".decision-table")).to_contain_text("05-QĐ/CB")
    response = page.goto(f"{url}/app/discipline/checks/{Check.objects.get().pk}/")
    assert response is not None and response.status == 404
