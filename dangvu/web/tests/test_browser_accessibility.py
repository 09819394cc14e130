"""Real headless Chromium: axe-core (tests/vendor, see VERSIONS) finds no serious or critical
accessibility problem on the dashboard, the member list, a member's page and a form."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dangvu.web.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


def test_the_main_pages_have_no_serious_accessibility_problem(
    live_server: object, page: Page, office: dict[str, Any]
) -> None:
    # An init script is the browser's own, not the page's: the page's CSP does not apply.
    page.add_init_script(path=str(AXE))
    page.set_viewport_size({"width": 1366, "height": 900})
    url = str(live_server)
    log_in(page, url, "tochuc")
    expect(page.locator("h1")).to_have_text("Tổng quan")
    pages = {
        "dashboard": "/app/",
        "member list": "/app/members/",
        "member": f"/app/members/{office['an'].pk}/",
        "form": f"/app/members/{office['an'].pk}/edit/",
    }

    problems = {}
    for name, path in pages.items():
        page.goto(f"{url}{path}")
        page.wait_for_load_state("networkidle")
        problems[name] = page.evaluate(RUN_AXE)

    assert problems == {name: [] for name in pages}
