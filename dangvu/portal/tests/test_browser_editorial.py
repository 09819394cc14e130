"""The editorial workflow in headless Chromium, under the admin's content security policy
(the `page` fixture fails on any console error, CSP violations included): an editor drafts
an article and submits it; a publisher approves it; readers find it on its page, with its
date line, in the search without accents and in the RSS feed."""

import re

import pytest
from django.core.cache import caches
from playwright.sync_api import Page, expect

from conftest import MakeUser, Tree
from dangvu.organizations.roles import Role
from dangvu.portal.editors import groups_ensure
from dangvu.portal.models import ArticlePage, CategoryPage
from dangvu.portal.site import home_page
from dangvu.web.tests.browser import log_in

# A flushed database, with its ids from 1 again: Wagtail's page explorer takes page 1 for
# the tree's root, as a migrated database has it (home_page() makes the root).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("flushed_db"),
]

TITLE = "Hội nghị tổng kết công tác tuyên giáo năm 2021"
PASSWORD = "mat-khau-dai-123"


@pytest.fixture
def newsroom(tree: Tree, make_user: MakeUser) -> CategoryPage:
    """A published category, an editor and a publisher of the committee."""
    home = home_page()
    groups_ensure()
    category = CategoryPage(title="Tin hoạt động", slug="tin-hoat-dong")
    home.add_child(instance=category)
    category.save_revision().publish()
    make_user("bientap", Role.PORTAL_EDITOR, tree.committee)
    make_user("duyettin", Role.PORTAL_PUBLISHER, tree.committee)
    caches["portal"].clear()
    return category


def _editor_action(page: Page, selector: str) -> None:
    """Click the editor's footer action SELECTOR, opening the "more actions" menu if needed."""
    button = page.locator(f"footer {selector}").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()


def test_an_editor_drafts_and_submits_a_publisher_publishes_readers_find_it(
    live_server: object, page: Page, newsroom: CategoryPage
) -> None:
    url = str(live_server)
    log_in(page, url, "bientap")
    page.goto(f"{url}/cms/pages/add/portal/articlepage/{newsroom.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_date", "28/02/2022")  # the editor types dates as dd/mm/yyyy
    page.fill("#id_summary", "Tóm tắt hội nghị tổng kết năm 2021 của Ban Tuyên giáo.")
    page.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name="Đoạn văn").click()
    text = page.locator("[data-contentpath='body'] [contenteditable=true]").first
    text.click()
    text.press_sequentially("Đại hội đã đánh giá kết quả năm 2021.")
    expect(text).to_contain_text("Đại hội đã đánh giá")
    # Draftail writes its field when the editor loses the focus (and after a short delay).
    page.locator("#id_summary").click()
    hidden = page.locator("[data-contentpath='body'] input[name='body-0-value']")
    expect(hidden).to_have_value(re.compile("Đại hội đã đánh giá"))
    with page.expect_navigation():
        _editor_action(page, "button[name='action-submit']")
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live and article.current_workflow_state is not None

    page.context.clear_cookies()
    log_in(page, url, "duyettin")
    page.goto(f"{url}/cms/pages/{article.pk}/edit/")
    approve = "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    with page.expect_navigation():
        _editor_action(page, approve)
    article.refresh_from_db()
    assert article.live

    page.context.clear_cookies()
    page.goto(f"{url}{article.url}")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Thứ 2, Ngày 28/02/2022")
    page.goto(f"{url}/tim-kiem/?q=hoi nghi tong ket cong tac tuyen giao")
    expect(page.locator("main")).to_contain_text(TITLE)
    rss = page.request.get(f"{url}/rss/").text()
    assert re.search(f"<title>{TITLE}</title>", rss)
