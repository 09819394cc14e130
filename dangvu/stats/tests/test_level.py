"""One level of the tree: the organizations shown, each with the members of its whole
subtree, the number of organizations under it and its size notices, read without loading
the subtree's organizations."""

import datetime as dt
from typing import Any

from conftest import AddMember, MakeUser, Tree
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role
from dangvu.stats.selectors import org_level

D = dt.date
ON = D(2026, 6, 1)


def test_the_top_level_and_a_level_below_count_the_members_of_each_subtree(
    tree: Tree, add_member: AddMember
) -> None:
    for number in range(3):
        add_member(tree.cell_a1, full_name=f"Lê Văn Số{number}")
    add_member(tree.cell_a2, full_name="Trần Thị Dự", official_date=None)
    add_member(tree.grassroots_b, full_name="Ngô Văn Bê")

    [top] = org_level(user=OPERATOR, as_of=ON)
    below = org_level(user=OPERATOR, as_of=ON, parent=tree.committee)
    cells = org_level(user=OPERATOR, as_of=ON, parent=tree.grassroots_a)

    assert (top.code, top.counts.total, top.children) == ("DBK", 5, 2)
    assert [(n.code, n.counts.official, n.counts.probationary, n.children) for n in below] == [
        ("CSB", 1, 0, 0),  # "Chi bộ Hội …" before "Đảng bộ Sở …" in Vietnamese order
        ("CSA", 3, 1, 2),
    ]
    assert [(n.code, n.counts.total) for n in cells] == [("CSA-2", 1), ("CSA-1", 3)]
    # The size notices of each shown cell: CSA-2 has no official member.
    assert [w.code for w in cells[0].warnings] == ["CELL_TOO_SMALL"]


def test_a_secretary_starts_at_their_own_organization(
    tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    add_member(tree.cell_a1, full_name="Lê Văn Một")
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)

    tops = org_level(user=secretary, as_of=ON)

    assert [(n.code, n.counts.total, n.children) for n in tops] == [("CSA", 1, 2)]
    # Under the committee, the secretary sees their own organization only.
    assert [n.code for n in org_level(user=secretary, as_of=ON, parent=tree.committee)] == ["CSA"]


def test_a_level_costs_the_same_queries_whatever_the_size_of_the_subtrees(
    tree: Tree, add_member: AddMember, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4) as few:
        org_level(user=OPERATOR, as_of=ON, parent=tree.committee)
    for number in range(20):
        add_member(tree.cell_a2 if number % 2 else tree.grassroots_b, full_name=f"Vũ Văn {number}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        below = org_level(user=OPERATOR, as_of=ON, parent=tree.committee)

    assert sum(node.counts.total for node in below) == 20
