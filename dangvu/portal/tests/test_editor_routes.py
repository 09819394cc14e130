"""Route × role for Wagtail's admin (/cms/), which the workspace's route test leaves out:
who enters each of the editors' pages, as the roles of dangvu/web/tests/conftest.py and the
portal's roles (an editor of a grassroots organization's section among them). Then hostile
query strings on the same pages: never a 500, never an ERROR in the log."""

import logging

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from conftest import AddMember, MakeUser, Tree
from dangvu.accounts.services import role_end
from dangvu.common.clock import today
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import RoleAssignment
from dangvu.organizations.roles import Role
from dangvu.portal.editors import PUBLISHERS, groups_ensure
from dangvu.portal.models import CategoryPage
from dangvu.portal.tests.conftest import MakeArticle, home_page
from dangvu.web.tests.conftest import COMMITTEE_ROLES, ROLES

pytestmark = pytest.mark.django_db

# An editor assigned over a grassroots organization: its section only.
SECTION_EDITOR = "bientapcs"
EDITORS = ["bientap", "duyettin", SECTION_EDITOR]
OK, FOUND, DENIED = 200, 302, 403
# Pages every editor works on; ADMIN holds them too. "section" is the committee's own,
# "grassroots section" the one of the grassroots organization CSA.
EDITING = {
    "admin home": "/cms/",
    "explorer": "/cms/pages/{home}/",
    "section": "/cms/pages/{category}/",
    "add article": "/cms/pages/add/portal/articlepage/{category}/",
    "grassroots section": "/cms/pages/{grassroots_section}/",
    "add grassroots article": "/cms/pages/add/portal/articlepage/{grassroots_section}/",
    "edit article": "/cms/pages/{article}/edit/",
    "revisions": "/cms/pages/{article}/history/",
    "images": "/cms/images/",
    "add images": "/cms/images/multiple/add/",
    "documents": "/cms/documents/",
    "add documents": "/cms/documents/multiple/add/",
    "linked websites": "/cms/snippets/portal/linkedwebsite/",
    "add linked website": "/cms/snippets/portal/linkedwebsite/add/",
    "workflow report": "/cms/reports/workflow/",
}
# Administration of the portal: workflows, sites, collections. Accounts and groups are
# managed at /app/users/ and Wagtail's pages for them are closed to everyone.
ADMINISTRATION = {
    "workflows": "/cms/workflows/list/",
    "sites": "/cms/sites/",
    "collections": "/cms/collections/",
}
ACCOUNTS = {"users": "/cms/users/", "groups": "/cms/groups/"}
# What the grassroots editor enters of EDITING: not the linked websites, which are the whole
# site's; the explorer and the committee's section send them to their own section.
SECTION_EDITING = {
    "admin home", "grassroots section", "add grassroots article", "images", "add images",
    "documents", "add documents", "workflow report",
}  # fmt: skip


@pytest.fixture
def editors_world(
    tree: Tree, make_user: MakeUser, add_member: AddMember, make_article: MakeArticle
) -> dict[str, object]:
    groups_ensure()
    article = make_article("Hội nghị tổng kết năm 2021")
    make_user("admin", Role.ADMIN)
    for username, role in COMMITTEE_ROLES.items():
        make_user(username, role, tree.committee)
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    make_user("dangvien", Role.MEMBER, member=add_member(tree.cell_a1))
    make_user("bientap", Role.PORTAL_EDITOR, tree.committee)
    make_user("duyettin", Role.PORTAL_PUBLISHER, tree.committee)
    make_user(SECTION_EDITOR, Role.PORTAL_EDITOR, tree.grassroots_a)
    category = CategoryPage.objects.get()  # made by make_article
    grassroots_section = CategoryPage(
        title="Tin Sở Tài chính", slug="tin-so", org=tree.grassroots_a
    )
    home_page().add_child(instance=grassroots_section)
    return {
        "home": home_page().pk,
        "category": category.pk,
        "article": article.pk,
        "grassroots_section": grassroots_section.pk,
    }


def _client(username: str) -> Client:
    client = Client()
    if username != "anonymous":
        client.login(username=username, password="mat-khau-dai-123")
    return client


def _expected(role: str, route: str) -> int:
    if role == "anonymous":
        return FOUND
    if route in ACCOUNTS:
        return FOUND if role in ("admin", *EDITORS) else DENIED
    if role == "admin":
        return OK
    if role == SECTION_EDITOR:
        return OK if route in SECTION_EDITING else FOUND
    if role in EDITORS and route in EDITING:
        return OK
    if role in EDITORS:
        return FOUND
    return DENIED


@pytest.mark.parametrize("role", [*ROLES, *EDITORS])
def test_each_role_enters_only_the_editors_pages_it_holds(
    role: str, editors_world: dict[str, object]
) -> None:
    client = _client(role)
    got = {}
    for name, path in {**EDITING, **ADMINISTRATION, **ACCOUNTS}.items():
        response = client.get(path.format(**editors_world))
        got[name] = response.status_code
        if role == "anonymous":
            assert response["Location"].startswith("/app/login/?next=/cms/"), name
    assert got == {name: _expected(role, name) for name in got}


@pytest.mark.parametrize("role", [*ROLES, *EDITORS])
def test_the_workspace_menu_links_to_the_editor_for_those_who_enter_it(
    role: str, editors_world: dict[str, object]
) -> None:
    response = _client(role).get("/app/", follow=True)

    assert response.status_code == OK
    assert ('href="/cms/"' in response.content.decode()) == (role in ("admin", *EDITORS))


def test_an_ended_role_ends_the_admin_at_once(editors_world: dict[str, object]) -> None:
    client = _client("bientap")
    assert client.get("/cms/").status_code == OK
    assert 'href="/cms/"' in client.get("/app/").content.decode()
    assignment = RoleAssignment.objects.get(user__username="bientap")

    role_end(actor=OPERATOR, assignment=assignment, on=today())

    assert client.get("/cms/").status_code == DENIED
    assert 'href="/cms/"' not in client.get("/app/").content.decode()
    assert not User.objects.get(username="bientap").groups.exists()


def test_a_group_given_by_hand_is_taken_back(editors_world: dict[str, object]) -> None:
    tuyengiao = User.objects.get(username="tuyengiao")
    tuyengiao.groups.set(Group.objects.filter(name=PUBLISHERS))

    assert _client("tuyengiao").get("/cms/").status_code == DENIED
    assert not tuyengiao.groups.exists()


HOSTILE = ["next=" + "a" * 20_000, "q=%00", "p=-1&p=2", "ordering=__proto__", "x=" + "đ" * 3000]


@pytest.mark.parametrize("role", ["anonymous", "tuyengiao", "bientap", SECTION_EDITOR])
def test_hostile_query_strings_never_fail_the_admin(
    role: str, editors_world: dict[str, object], caplog: pytest.LogCaptureFixture
) -> None:
    client = _client(role)
    with caplog.at_level(logging.ERROR):
        for path in {**EDITING, **ACCOUNTS}.values():
            for query in HOSTILE:
                response = client.get(f"{path.format(**editors_world)}?{query}")
                assert response.status_code < 500, (path, query[:40])
    assert [record for record in caplog.records if record.levelno >= logging.ERROR] == []
