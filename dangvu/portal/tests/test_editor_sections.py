"""Editors limited to their sections: an editor assigned over a grassroots organization
writes only in the sections that belong to its subtree; one assigned over the committee
writes everywhere; the rights follow the section's organization and the assignment on the
next request to the admin (dangvu/portal/editors.py)."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.http import HttpResponseBase
from django.test import Client
from wagtail.test.utils.form_data import nested_form_data, streamfield

from conftest import MakeUser, Tree
from dangvu.accounts.services import role_end
from dangvu.common.clock import today
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgUnit, RoleAssignment
from dangvu.organizations.roles import Role
from dangvu.portal.editors import (
    SECTION_GROUP_PREFIX,
    groups_ensure,
    section_group_name,
)
from dangvu.portal.models import ArticlePage, CategoryPage
from dangvu.portal.site import home_page

pytestmark = pytest.mark.django_db

OK, DENIED, CLOSED = "ok", "denied", "closed"


@dataclass
class Sections:
    committee: CategoryPage  # the committee's own: no organization
    grassroots_a: CategoryPage
    cell_a1: CategoryPage
    grassroots_b: CategoryPage


def _section(title: str, slug: str, org: OrgUnit | None) -> CategoryPage:
    page = CategoryPage(title=title, slug=slug, org=org)
    home_page().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def sections(tree: Tree, category: CategoryPage, make_user: MakeUser) -> Sections:
    groups_ensure()
    make_user("bientap", Role.PORTAL_EDITOR, tree.committee)
    make_user("bientapcs", Role.PORTAL_EDITOR, tree.grassroots_a)
    return Sections(
        committee=category,
        grassroots_a=_section("Tin Sở Tài chính", "so-tai-chinh", tree.grassroots_a),
        cell_a1=_section("Chi bộ Văn phòng", "chi-bo-van-phong", tree.cell_a1),
        grassroots_b=_section("Hội Nông dân tỉnh", "hoi-nong-dan", tree.grassroots_b),
    )


def _client(username: str) -> Client:
    client = Client()
    client.login(username=username, password="mat-khau-dai-123")
    return client


def _section_group_names() -> list[str]:
    return list(
        Group.objects.filter(name__startswith=SECTION_GROUP_PREFIX).values_list("name", flat=True)
    )


def _answer(response: HttpResponseBase) -> str:
    """OK; DENIED: Wagtail's "no permission", a redirect to the admin's home with a message;
    CLOSED: the admin's door (portal.middleware) refuses the user, 403."""
    if response.status_code == 302 and response["Location"] == "/cms/":
        return DENIED
    return {200: OK, 403: CLOSED}.get(response.status_code, str(response.status_code))


def _add(client: Client, section: CategoryPage) -> str:
    return _answer(client.get(f"/cms/pages/add/portal/articlepage/{section.pk}/"))


def _post_article(client: Client, section: CategoryPage, title: str) -> HttpResponseBase:
    return client.post(f"/cms/pages/add/portal/articlepage/{section.pk}/", _article(title))


def _article(title: str) -> dict[str, str]:
    return nested_form_data(
        {
            "title": title,
            "slug": "bai-moi",
            "date": "2026-11-26",
            "summary": f"Tóm tắt: {title}",
            "body": streamfield([("quote", "Chi bộ mạnh, đảng viên gương mẫu.")]),
        }
    )


def test_an_editor_of_a_grassroots_organization_writes_only_in_its_subtrees_sections(
    sections: Sections,
) -> None:
    client = _client("bientapcs")

    created = _post_article(client, sections.grassroots_a, "Hội nghị cán bộ")
    refused = _post_article(client, sections.grassroots_b, "Tin của người khác")

    article = ArticlePage.objects.child_of(sections.grassroots_a).get()
    assert created["Location"] == f"/cms/pages/{article.pk}/edit/"
    assert article.title == "Hội nghị cán bộ"
    assert _answer(refused) == DENIED
    assert not ArticlePage.objects.child_of(sections.grassroots_b).exists()
    assert _add(client, sections.cell_a1) == OK
    assert _add(client, sections.committee) == DENIED
    assert _answer(client.get("/cms/")) == OK


def test_an_editor_of_the_committee_adds_in_every_section(sections: Sections) -> None:
    client = _client("bientap")

    got = {s.title: _add(client, s) for s in vars(sections).values()}

    assert got == {s.title: OK for s in vars(sections).values()}


def test_the_rights_follow_a_change_of_the_sections_organization(
    sections: Sections, tree: Tree
) -> None:
    client = _client("bientapcs")
    assert _add(client, sections.grassroots_a) == OK

    sections.grassroots_a.org = tree.grassroots_b
    sections.grassroots_a.save_revision().publish()
    sections.grassroots_b.org = tree.cell_a2
    sections.grassroots_b.save_revision().publish()

    assert _add(client, sections.grassroots_a) == DENIED
    assert _add(client, sections.grassroots_b) == OK


def test_the_rights_end_with_the_assignment(sections: Sections) -> None:
    client = _client("bientapcs")
    assert _add(client, sections.grassroots_a) == OK
    assignment = RoleAssignment.objects.get(user__username="bientapcs")

    role_end(actor=OPERATOR, assignment=assignment, on=today())

    assert _add(client, sections.grassroots_a) == CLOSED
    assert not assignment.user.groups.exists()


def test_a_section_has_a_group_while_it_belongs_to_an_organization(
    sections: Sections,
) -> None:
    section = sections.grassroots_a
    section.title = "Tin Sở Tài chính tỉnh"
    section.save_revision().publish()
    sections.grassroots_b.org = None
    sections.grassroots_b.save_revision().publish()
    sections.cell_a1.delete()

    names = set(_section_group_names())

    assert names == {f"Biên tập chuyên mục: Tin Sở Tài chính tỉnh (#{section.pk})"}


def test_groups_ensure_puts_back_the_sections_groups_and_removes_those_of_none(
    sections: Sections,
) -> None:
    cell_section = sections.cell_a1
    Group.objects.get(name=section_group_name(cell_section.pk, cell_section.title)).delete()
    Group.objects.create(name=section_group_name(99999, "Chuyên mục đã xóa"))

    groups_ensure()

    assert set(_section_group_names()) == {
        section_group_name(s.pk, s.title)
        for s in (sections.grassroots_a, sections.cell_a1, sections.grassroots_b)
    }


def test_a_long_section_title_makes_a_group_name_that_fits() -> None:
    name = section_group_name(12, "Tin " * 100)

    assert len(name) == 150 and name.endswith("… (#12)")


def test_only_an_editor_of_the_whole_site_chooses_a_sections_organization(
    sections: Sections,
) -> None:
    edit = f"/cms/pages/{sections.grassroots_a.pk}/edit/"

    limited = _client("bientapcs").get(edit)
    site_wide = _client("bientap").get(edit)

    assert _answer(limited) == OK and 'name="org"' not in limited.text
    assert _answer(site_wide) == OK and 'name="org"' in site_wide.text
    assert "Đảng bộ Sở Tài chính (CSA)" in site_wide.text
    assert "Chi bộ Văn phòng (CSA-1)" not in site_wide.text  # cells make the list too long
