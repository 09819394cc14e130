"""Real headless Chromium on the public portal: its pages load under the strict CSP with
no console error, the video plays from our own server, the article prints, and axe-core
(web/tests/vendor) finds no serious or critical accessibility problem on the home page and
an article page."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dangvu.demo.portal import demo_portal
from dangvu.portal.models import ArticlePage
from dangvu.web.tests.test_browser_accessibility import AXE, RUN_AXE

# A flushed database, with its ids from 1 again: Wagtail's page explorer takes page 1 for
# the tree's root, as a migrated database has it (home_page() makes the root).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("flushed_db"),
]


@pytest.fixture
def portal(settings: object) -> ArticlePage:
    demo_portal()
    return ArticlePage.objects.get(title="Hội nghị tổng kết công tác xây dựng Đảng năm 2021")


def test_a_reader_finds_the_conference_report_from_the_home_page(
    live_server: object, page: Page, portal: ArticlePage
) -> None:
    url = str(live_server)
    page.goto(f"{url}/")
    expect(page.get_by_role("heading", name="Video hoạt động")).to_be_visible()
    expect(page.get_by_role("heading", name="Hình ảnh hoạt động")).to_be_visible()
    expect(page.get_by_role("link", name="Tạp chí Cộng sản")).to_be_visible()

    page.get_by_role("link", name=portal.title).first.click()

    expect(page.locator("h1")).to_have_text(portal.title)
    expect(page.locator(".portal-dateline").first).to_have_text("Thứ 2, Ngày 28/02/2022")
    images = page.locator(".portal-body img")
    expect(images).to_have_count(1)
    assert page.evaluate("(img) => img.naturalWidth", images.first.element_handle()) > 0


def test_the_video_plays_from_our_own_server(
    live_server: object, page: Page, portal: ArticlePage
) -> None:
    url = str(live_server)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{url}/video/hoi-nghi-tong-ket-2021/")

    duration = page.evaluate(
        """async () => {
          const video = document.querySelector("video");
          video.muted = true;
          // A video that cannot load never settles play(): fail instead of waiting forever.
          const late = new Promise((_, reject) =>
            setTimeout(() => reject(new Error("the video did not play in 15 s")), 15000));
          await Promise.race([video.play(), late]);
          return video.duration;
        }"""
    )

    assert duration > 1
    assert all(address.startswith(url) for address in requested), requested


def test_the_portal_pages_have_no_serious_accessibility_problem(
    live_server: object, page: Page, portal: ArticlePage
) -> None:
    page.add_init_script(path=str(AXE))
    url = str(live_server)
    problems = {}
    for name, path in {
        "home": "/",
        "article": portal.url,
        "search": "/tim-kiem/?q=dai+hoi",
    }.items():
        page.goto(f"{url}{path}")
        page.wait_for_load_state("networkidle")
        problems[name] = page.evaluate(RUN_AXE)

    assert problems == {"home": [], "article": [], "search": []}


def test_an_article_prints_without_the_site_chrome(
    live_server: object, page: Page, portal: ArticlePage, tmp_path: Path
) -> None:
    page.goto(f"{live_server}{portal.url}")
    page.emulate_media(media="print")

    expect(page.locator(".portal-header")).to_be_hidden()
    expect(page.locator("#tin-lien-quan")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
