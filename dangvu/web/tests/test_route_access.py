"""Every URL pattern, for every demo role, against an object inside and one outside the
role's subtree. Each route's expectations are declared here; a route without them, or a
view without an access declaration, fails the suite."""

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dangvu.web.tests.conftest import ROLES, World

# Route → expected status per role, in ROLES order. For routes about one object, each cell
# is "inside/outside": the object in the role's subtree, and one in another committee.
EXPECTED: dict[str, list[str]] = {
    # The public portal: open to everyone, whoever is logged in.
    "wagtail_serve":                   ["200"] * 9,
    "portal_search":                   ["200"] * 9,
    "portal_rss":                      ["200"] * 9,
    "portal_sitemap":                  ["200"] * 9,
    "portal_image":                    ["404/404"] * 9,  # a file absent; a path outside
    "wagtaildocs_serve":               ["404/404"] * 9,
    "set_language":                    ["302"] * 9,
    "web:home":                        ["302", "200", "200", "200", "200", "200", "200", "200", "302"],
    # Hồ sơ của tôi: every account; one that names no record is told so.
    "web:me":                          ["302"] + ["200"] * 8,
    "web:login":                       ["200"] + ["302"] * 8,
    "web:logout":                      ["405"] * 9,
    "accounts:two_factor":             ["302"] + ["200"] * 8,
    "accounts:two_factor_enrol":       ["302/302"] + ["200/200"] * 8,
    "accounts:password_reset":         ["200"] * 9,
    "accounts:password_reset_done":    ["200"] * 9,
    "accounts:password_reset_confirm": ["200/200"] * 9,
    "accounts:password_reset_complete": ["200"] * 9,
    "accounts:password_change":        ["302"] + ["200"] * 8,
    "accounts:password_change_done":   ["302"] + ["200"] * 8,
    "orgs:tree":                       ["302"] + ["200"] * 7 + ["403"],
    "orgs:export":                     ["302/302"] + ["200/200"] * 7 + ["403/403"],
    "orgs:detail":                     ["302/302", "200/200"] + ["200/404"] * 6 + ["403/403"],
    "orgs:children":                   ["302/302", "200/200"] + ["200/404"] * 6 + ["403/403"],
    "orgs:action":                     ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "403/403", "403/403"],
    "members:list":                    ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:export":                  ["302/302", "200/200", "200/200", "200/200", "200/200",
                                        "403/403", "403/403", "200/200", "200/200"],
    "members:wards":                   ["302"] + ["200"] * 8,
    "members:pick":                    ["302"] + ["200"] * 8,
    "orgs:pick":                       ["302"] + ["200"] * 8,
    "members:detail":                  ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    "members:photo":                   ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    "members:edit":                    ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "200/404", "403/403"],
    "members:action":                  ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "302/404", "403/403"],
    "members:admission_list":          ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:admission_export":        ["302/302", "200/200", "200/200", "200/200", "200/200",
                                        "403/403", "403/403", "200/200", "200/200"],
    "members:admission_new":           ["302", "200", "403", "200", "403", "403", "403", "200", "403"],
    "members:admission_detail":        ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    "members:admission_action":        ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "302/404", "403/403"],
    "members:deadlines":               ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:deadlines_export":        ["302/302", "200/200", "200/200", "200/200", "200/200",
                                        "403/403", "403/403", "200/200", "200/200"],
    "members:badges":                  ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:badges_export":           ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:document":                ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    # Correction requests: those who see the member read them (the member their own, in
    # web:me); only an account that names a record asks (404 to the others).
    "members:corrections":             ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:correction_new":          ["302", "404", "404", "404", "404", "403", "403", "404", "200"],
    "members:correction_detail":       ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    "documents:templates":             ["302", "200"] + ["403"] * 7,
    "documents:template":              ["302/302", "200/200"] + ["403/403"] * 7,
    "imports:upload":                  ["302", "200", "403", "200", "403", "403", "403", "200", "403"],
    "imports:detail":                  ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "404/404", "403/403"],
    "imports:file":                    ["302/302", "200/200", "404/404", "200/404", "404/404",
                                        "404/404", "404/404", "404/404", "404/404"],
    "imports:remap":                   ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "404/404", "403/403"],
    "imports:commit":                  ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "404/404", "403/403"],
    "imports:reconcile":               ["302", "200", "403", "200", "403", "403", "403", "200", "403"],
    "imports:reconcile_report":        ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "404/404", "403/403"],
    "imports:undo":                    ["302/302", "302/302"] + ["403/403"] * 7,
    "imports:org_upload":              ["302", "200", "403", "200", "403", "403", "403", "403", "403"],
    "imports:org_detail":              ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "403/403", "403/403"],
    "imports:org_remap":               ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "403/403", "403/403"],
    "imports:org_commit":              ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "403/403", "403/403"],
    "imports:ratings":                 ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "200/404", "403/403"],
    "audit:list":                      ["302", "200", "200", "200", "200", "403", "403", "200", "403"],
    "audit:detail":                    ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "403/403"],
    "audit:revert":                    ["302/302", "302/302"] + ["403/403"] * 7,
    "evaluation:rounds":               ["302", "200", "200", "200", "200", "403", "403", "200", "403"],
    # An empty form answers with its errors; a secretary has no upper committee to open.
    "evaluation:open":                 ["302", "200", "403", "200", "403", "403", "403", "403", "403"],
    "evaluation:round":                ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "403/403"],
    "evaluation:excellent":            ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "403/403"],
    "evaluation:results_export":       ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "403/403"],
    "evaluation:entry":                ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "403/403"],
    # The live check takes a POST only (tested with the entry screen's tests).
    "evaluation:check":                ["302/302", "405/405", "405/405", "405/405", "405/405",
                                        "403/403", "403/403", "405/405", "403/403"],
    "evaluation:step":                 ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "404/404", "403/403"],
    # Commendations are the committee's: its boards read them, its staff decide; a TCCSĐ's
    # secretary sees the round, not this page.
    "evaluation:commendations":        ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "403/404", "403/403"],
    # The documents print for those who see the committee; a secretary sees the commended
    # cell's rating, not the committee's decision.
    "evaluation:commendation_document": ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "404/404", "403/403"],
    "dues:ledger":                     ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "dues:collect":                    ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "200/404", "403/403"],
    "dues:member":                     ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    "dues:member_action":              ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "302/404", "403/403"],
    "imports:dues":                    ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "200/404", "403/403"],
    "documents:signers":               ["302", "200", "200", "403", "403", "403", "200", "403",
                                        "403"],
    "documents:signer":                ["302/302", "200/200", "403/403", "403/403", "403/403",
                                        "403/403", "200/404", "403/403", "403/403"],
    "documents:register":              ["302", "200", "200", "403", "403", "403", "200", "403",
                                        "403"],
    # Issued decisions: the commission, the leadership, a secretary's organization and the
    # member's own. The cases behind them answer 404 to all but the first two, as if
    # missing; only the commission records them.
    "discipline:decisions":            ["302", "200", "200", "403", "200", "403", "403", "200",
                                        "200"],
    "discipline:decision":             ["302/302", "200/200", "200/404", "403/403", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    "discipline:decision_new":         ["302", "200", "404", "404", "200", "404", "404", "404",
                                        "404"],
    # Their actions take a POST; an empty one re-shows the page with the form's errors.
    **{
        f"discipline:{name}_action":   ["302/302", "200/200", "404/404", "404/404", "200/404",
                                        "404/404", "404/404", "404/404", "404/404"]
        for name in ("decision", "check")
    },
    **{
        f"discipline:{name}":          ["302", "200", "200", "404", "200", "404", "404", "404",
                                        "404"]
        for name in ("programs", "complaints")
    },
    **{
        f"discipline:{name}":          ["302/302", "200/200", "200/404", "404/404", "200/404",
                                        "404/404", "404/404", "404/404", "404/404"]
        for name in ("program", "check", "complaint")
    },
    # Plans: everyone on staff reads those in their reach; the Office and secretaries write.
    **{
        f"plans:{name}":               ["302", "200", "200", "200", "200", "200", "200", "200",
                                        "403"]
        for name in ("list", "meetings")
    },
    **{
        f"plans:{name}":               ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "200/404", "200/404", "200/404", "403/403"]
        for name in ("plan", "target", "task", "meeting", "meeting_document", "target_evidence",
                     "progress_evidence", "meeting_paper")
    },
    # Their actions take a POST; an empty one re-shows the page with the form's errors.
    # The annual report: figures of the reader's own reach, as a page and as files.
    "reports:annual":                  ["302"] + ["200"] * 7 + ["403"],
    "reports:annual_file":             ["302"] + ["200"] * 7 + ["403"],
    # A section staff write for the committee's report: those who read the report read it
    # (a secretary reads their TCCSĐ's, not the committee's); its Office and Propaganda
    # board write it, and an empty POST re-shows the page with the form's errors.
    "reports:section":                 ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "200/404", "200/404", "404/404", "403/403"],
    "reports:section_action":          ["302/302", "200/200", "403/403", "403/403", "403/403",
                                        "200/404", "200/404", "403/403", "403/403"],
    # Accounts are the administrators': every other role is refused at the entrance. An
    # action's GET shows its form.
    **{f"users:{name}": ["302", "200"] + ["403"] * 7 for name in ("list", "new")},
    **{f"users:{name}": ["302/302", "200/200"] + ["403/403"] * 7 for name in ("detail", "action")},
    **{
        f"plans:{name}_action":        ["302/302", "200/200", "403/403", "403/403", "403/403",
                                        "403/403", "200/404", "200/404", "403/403"]
        for name in ("plan", "task", "meeting")
    },
}  # fmt: skip
# Routes about one object whose files must hold nobody from outside the role's subtree.
EXPORTS = ("members:export", "orgs:export", "evaluation:results_export",
           "members:admission_export", "members:deadlines_export")  # fmt: skip
POST_ROUTES = {
    "reports:section_action",
    "plans:plan_action",
    "plans:task_action",
    "plans:meeting_action",
    "discipline:decision_action",
    "discipline:check_action",
    "orgs:action",
    "dues:member_action",
    "evaluation:step",
    "evaluation:open",
    "audit:revert",
    "members:action",
    "members:admission_action",
    "imports:remap",
    "imports:commit",
    "imports:undo",
    "imports:org_remap",
    "imports:org_commit",
}


# Wagtail's admin, the portal editors' pages, is Wagtail's own; who may enter it and what
# each role gets there is tested in dangvu/portal/tests/.
EDITORS_ADMIN = "cms/"


def _patterns(resolvers: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for item in resolvers:
        if isinstance(item, URLResolver) and str(item.pattern) == EDITORS_ADMIN:
            continue
        if isinstance(item, URLResolver):
            namespace = f"{prefix}{item.namespace}:" if item.namespace else prefix
            yield from _patterns(item.url_patterns, namespace)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{prefix}{item.name}", item


ROUTES = dict(_patterns(get_resolver().url_patterns))


def address(route: str) -> str:
    """The path of a route without arguments; the portal's page route, the home page's."""
    return "/" if route == "wagtail_serve" else reverse(route)


def test_every_route_declares_who_may_enter_and_what_each_role_gets() -> None:
    undeclared = sorted(
        name for name, p in ROUTES.items() if not hasattr(p.callback, "access_policy")
    )
    unexpected = sorted(set(ROUTES) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(ROUTES))

    assert undeclared == [], f"views without an access declaration: {undeclared}"
    assert unexpected == [], f"routes without expectations in this test: {unexpected}"
    assert stale == [], f"expectations for routes that no longer exist: {stale}"
    assert all(len(row) == len(ROLES) for row in EXPECTED.values())


def _no_outsider(world: World, response: Any) -> bool:
    if response.status_code != 200:
        return True
    from python_calamine import CalamineWorkbook

    # An export is streamed from disk (`common.files.written_file_response`).
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith(("text/", "application/xml", "application/rss")):
        # a page, a CSV with its BOM, the portal's sitemap or feed
        text = body.decode("utf-8-sig")
    else:
        path = Path(tempfile.mkdtemp()) / "export.xlsx"
        path.write_bytes(body)
        book = CalamineWorkbook.from_path(str(path))
        text = str([book.get_sheet_by_name(name).to_python() for name in book.sheet_names])
    return not any(name in text for name in world.outsider_names)


@pytest.mark.parametrize("route", sorted(EXPECTED))
def test_route_answers_each_role_as_declared(world: World, route: str) -> None:
    got = []
    for role in ROLES:
        client = world.clients[role]
        call = client.post if route in POST_ROUTES else client.get
        if route in world.args:
            responses = [call(reverse(route, kwargs=kw)) for kw in world.args[route]]
            got.append("/".join(str(response.status_code) for response in responses))
            if route in EXPORTS and role != "admin":
                assert all(_no_outsider(world, r) for r in responses), role
            continue
        response = call(address(route), world.queries.get(route, {}))
        got.append(str(response.status_code))
        if role != "admin":
            assert _no_outsider(world, response), (route, role)

    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, EXPECTED[route], strict=True))
