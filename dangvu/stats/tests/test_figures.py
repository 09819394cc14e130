import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import AddMember, Tree
from dangvu.organizations.access import OPERATOR, Operator
from dangvu.organizations.models import OrgKind, Sector
from dangvu.organizations.services import org_create, org_dissolve, org_move
from dangvu.stats.selectors import figures, flatten, org_tree

D = dt.date


@pytest.fixture
def counted(tree: Tree, add_member: AddMember) -> Tree:
    add_member(tree.cell_a1, full_name="Lê Thị Hoa", gender="F")
    add_member(tree.cell_a2, full_name="Phạm Văn Hùng")
    add_member(
        tree.grassroots_b,
        full_name="Ngô Văn Tài",
        admission_date=D(2024, 3, 1),
        official_date=D(2025, 3, 1),
        joined_on=D(2024, 3, 1),
    )
    return tree


def test_figures_count_official_and_probationary_members_on_the_date(counted: Tree) -> None:
    before = figures(user=Operator(), as_of=D(2024, 12, 31))
    after = figures(user=Operator(), as_of=D(2025, 3, 1))

    assert before["members"] == {"total": 3, "official": 2, "probationary": 1}
    assert after["members"] == {"total": 3, "official": 3, "probationary": 0}
    assert before["grassroots_orgs"] == 2
    assert before["by_gender"] == {"M": 2, "F": 1}
    assert [c["code"] for c in before["committees"]] == ["DBK"]
    assert figures(user=Operator(), as_of=D(2023, 12, 31))["members"]["total"] == 2


def test_a_restructured_committee_disappears_and_its_successor_holds_the_units(
    counted: Tree,
) -> None:
    successor = org_create(
        actor=OPERATOR,
        code="DBUB",
        name="Đảng bộ UBND tỉnh",
        kind=OrgKind.UPPER_COMMITTEE,
        sector=Sector.ADMINISTRATIVE,
        parent=None,
        established_date=D(2025, 2, 1),
    )
    for org in (counted.grassroots_a, counted.grassroots_b):
        org_move(actor=OPERATOR, org=org, new_parent=successor, effective_date=D(2025, 2, 1))
    org_dissolve(actor=OPERATOR, org=counted.committee, effective_date=D(2025, 2, 1))

    old = figures(user=Operator(), as_of=D(2025, 1, 31))
    new = figures(user=Operator(), as_of=D(2025, 6, 30))

    assert [c["code"] for c in old["committees"]] == ["DBK"]
    assert [
        (c["code"], c["grassroots_orgs"], c["members"]["total"]) for c in new["committees"]
    ] == [("DBUB", 2, 3)]


def test_tree_rolls_counts_up_to_every_ancestor(counted: Tree) -> None:
    nodes = {node.code: node for node in flatten(org_tree(user=Operator(), as_of=D(2025, 6, 1)))}

    assert nodes["CSA"].counts.total == 2
    assert nodes["DBK"].counts.total == 3
    assert [child.code for child in nodes["CSA"].children] == [
        "CSA-2",
        "CSA-1",
    ]  # Thanh tra < Văn phòng
    assert [w.code for w in nodes["CSA-1"].warnings] == ["CELL_TOO_SMALL"]


def test_stats_command_prints_json_for_an_org_subtree(counted: Tree) -> None:
    out = StringIO()

    call_command("stats", "--as-of", "2025-06-01", "--org", "csa", "--json", stdout=out)

    data = json.loads(out.getvalue())
    assert data["as_of"] == "2025-06-01"
    assert data["members"] == {"total": 2, "official": 2, "probationary": 0}
    assert data["grassroots_orgs"] == 1


def test_orgs_command_lists_the_tree_with_parents_and_counts(counted: Tree) -> None:
    out = StringIO()

    call_command("orgs", "--as-of", "2025-06-01", "--json", stdout=out)

    rows = {row["code"]: row for row in json.loads(out.getvalue())}
    assert rows["CSA-1"] == {
        "code": "CSA-1",
        "name": "Chi bộ Văn phòng",
        "kind": "CELL",
        "parent": "CSA",
        "members": 1,
    }
    assert rows["DBK"]["parent"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "31/02/2021"], "--as-of: “31/02/2021” không phải một ngày"),
        (["--as-of", "0001-01-01"], "--as-of phải từ 03/02/1930"),
        (["--as-of", "31/12/9999"], r"--as-of phải từ 03/02/1930 \(ngày thành lập Đảng\) đến"),
        (["--org", "KHONGCO"], "Không có tổ chức mã KHONGCO"),
        (["--user", "ai-do"], "Không có người dùng ai-do"),
    ],
)
def test_stats_command_explains_bad_arguments(counted: Tree, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("stats", *args, stdout=StringIO())
