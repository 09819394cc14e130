"""The year's round in real headless Chromium: a secretary rates their TCCSĐ's members and
cells; the committee's staff rate the TCCSĐ, see the quota broken live as they choose,
keep the level with a reason, close the round, commend those rated HTXSNV and download a
certificate that LibreOffice opens."""

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import TODAY, MakeUser, Tree
from dangvu.documents.pdf import docx_to_pdf
from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.evaluation.rules import EXCELLENT, GOOD
from dangvu.evaluation.services import ratings_save, round_advance
from dangvu.evaluation.tests.conftest import MakeRated, Rated, change
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role
from dangvu.web.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _at_decision(rated: MakeRated) -> Rated:
    """2021's round at its decision step, with Chi bộ Hội Nông dân tỉnh's members decided."""
    world = rated(2021)
    while world.fresh().stage != Stage.DECISION:
        round_advance(actor=OPERATOR, round_=world.round, today=TODAY)
    ratings_save(
        actor=OPERATOR, round_=world.round, changes=[change(world.of(m), GOOD) for m in world.b]
    )
    return world


def _checked(page: Page, action: Callable[[], object]) -> None:
    """ACTION, then the live check it sends (300 ms after the last input) has answered."""
    with page.expect_response(lambda response: response.url.endswith("/check/")):
        action()


def _rate(page: Page, group: str, levels: list[str]) -> None:
    """Rate GROUP from the keyboard alone, one key a row, and save."""
    page.click(f"text={group}")
    page.wait_for_load_state()  # a choice made before htmx has loaded would check nothing
    selects = page.locator("select.level")
    expect(selects).to_have_count(len(levels))
    selects.first.focus()
    keys = {EXCELLENT: "1", GOOD: "2"}
    for level in levels[:-1]:
        page.keyboard.press(keys[level])  # chooses, then moves to the next row
    _checked(page, lambda: page.keyboard.press(keys[levels[-1]]))
    for index, level in enumerate(levels):
        expect(selects.nth(index)).to_have_value(level)
    expect(page.locator("#check-result")).to_have_attribute("data-blocking", "0")
    page.click("button:has-text('Ghi xếp loại')")
    expect(page.locator(".alert-success")).to_contain_text(f"Đã ghi {len(levels)} xếp loại.")
    page.click("text=Về đợt đánh giá")


def test_a_round_is_rated_checked_live_overridden_and_closed(
    live_server: object, page: Page, rated: MakeRated, tree: Tree, make_user: MakeUser
) -> None:
    world = _at_decision(rated)
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    url = str(live_server)

    log_in(page, url, "bithu")
    page.goto(f"{url}/app/evaluation/{world.round.pk}/")
    _rate(page, "Đảng viên – Đảng bộ Sở Tài chính", [EXCELLENT] + [GOOD] * 11)
    _rate(page, "Tổ chức đảng – Đảng bộ Sở Tài chính", [GOOD, GOOD])
    expect(page.locator(".progress-table tr", has_text="Sở Tài chính")).to_contain_text("14/15")
    log_out(page)

    log_in(page, url, "tochuc")
    page.goto(f"{url}/app/evaluation/{world.round.pk}/")
    page.click("text=Tổ chức đảng – Đảng bộ Khối thử nghiệm")
    page.wait_for_load_state()  # a choice made before htmx has loaded would check nothing
    a, b = world.of(tree.grassroots_a).pk, world.of(tree.grassroots_b).pk
    page.locator(f"[name=level-{b}]").select_option(GOOD)
    # Two HTTNV or better allow no HTXSNV (20%, rounded down).
    _checked(page, lambda: page.locator(f"[name=level-{a}]").select_option(EXCELLENT))
    expect(page.locator("[data-quota-remaining]")).to_have_attribute("data-quota-remaining", "-1")
    expect(page.locator("#check-result")).to_have_attribute("data-blocking", "1")
    reason = page.locator(f"[name=override-{a}]")
    _checked(page, lambda: reason.press_sequentially("Dẫn đầu khối về chuyển đổi số"))
    expect(page.locator("#check-result")).to_have_attribute("data-blocking", "0")
    expect(page.locator("#check-result")).to_contain_text("1 giữ ngoài tỷ lệ có lý do")
    page.click("button:has-text('Ghi xếp loại')")
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi 2 xếp loại.")

    page.click("text=Về đợt đánh giá")
    page.click("button:has-text('Kết thúc đợt đánh giá')")
    expect(page.locator("[data-stage]")).to_have_attribute("data-stage", Stage.CLOSED)
    expect(page.locator("tr[data-row=organizations]")).to_contain_text("2")
    assert Round.objects.get().stage == Stage.CLOSED
    decided = Rating.objects.get(org=tree.grassroots_a, kind=Rating.Kind.ORG)
    assert decided.level == EXCELLENT and decided.override_reason

    page.click("text=Khen thưởng")
    candidates = page.locator("[data-list=candidates] input[type=checkbox]")
    expect(candidates).to_have_count(2)  # Đảng bộ Sở Tài chính and Nguyễn Văn A0, both ticked
    page.fill("#id_decision_date", f"{TODAY:%d/%m/%Y}")
    page.click("button:has-text('Quyết định khen thưởng')")
    row = page.locator("[data-decision] tr", has_text="Đảng bộ Sở Tài chính")
    with page.expect_download() as download:
        row.locator("text=DOCX").click()
    certificate = Path(download.value.path()).read_bytes()
    pdf = docx_to_pdf(certificate)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    assert "Đảng bộ Sở Tài chính" in text.stdout.decode()
