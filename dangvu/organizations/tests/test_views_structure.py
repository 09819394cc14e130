"""Structure changes made from the organization page, each through its service."""

import pytest
from django.test import Client

from conftest import MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.organizations.models import OrgVersion
from dangvu.organizations.roles import Role


@pytest.fixture
def board(client: Client, tree: Tree, make_user: MakeUser) -> Client:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


def test_rename_and_create_from_the_page_are_dated_and_audited(board: Client, tree: Tree) -> None:
    board.post(
        "/app/orgs/CSA/do/rename/", {"on": "01/03/2025", "name": "Đảng bộ Sở Tài chính tỉnh"}
    )
    board.post("/app/orgs/CSA/do/create/", {"on": "01/03/2025", "code": "csa-3",
                                            "name": "Chi bộ Kho bạc", "kind": "CELL",
                                            "sector": "ADMINISTRATIVE"})  # fmt: skip

    names = dict(OrgVersion.objects.filter(org=tree.grassroots_a).values_list("valid_from", "name"))
    assert sorted(names.values()) == ["Đảng bộ Sở Tài chính", "Đảng bộ Sở Tài chính tỉnh"]
    assert OrgVersion.objects.filter(org__code="CSA-3", parent=tree.grassroots_a).exists()
    assert {"organizations.org.renamed", "organizations.org.created"} <= set(
        AuditEntry.objects.values_list("action", flat=True)
    )


def test_a_refused_change_says_why_and_changes_nothing(board: Client, tree: Tree) -> None:
    page = board.post("/app/orgs/CSA-1/do/move/", {"on": "01/03/2025", "parent": "DBK"},
                      follow=True).content.decode()  # fmt: skip

    assert "Chi bộ trực thuộc không thể trực thuộc Đảng bộ cấp trên cơ sở." in page
    assert OrgVersion.objects.filter(org=tree.cell_a1).count() == 1
