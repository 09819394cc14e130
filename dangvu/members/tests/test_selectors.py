import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from conftest import AddMember, Tree
from dangvu.members.selectors import MemberFilter, member_get_for_user, member_list, member_page
from dangvu.members.services import member_move
from dangvu.organizations.access import OPERATOR, Operator

D = dt.date
STAFF = Operator()


def _names(filters: MemberFilter) -> list[str]:
    return [member.full_name for member in member_list(user=STAFF, filters=filters)]


@pytest.fixture
def people(tree: Tree, add_member: AddMember) -> Tree:
    add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    add_member(tree.cell_a1, full_name="Đỗ Thị Ân", gender="F")
    add_member(tree.cell_a2, full_name="Lê Văn Ánh")
    add_member(tree.grassroots_b, full_name="Nguyễn Văn Anh")
    add_member(
        tree.grassroots_b,
        full_name="Đặng Văn Dũng",
        admission_date=D(2026, 1, 10),
        official_date=None,
        joined_on=D(2026, 1, 10),
    )
    return tree


def test_list_sorts_by_given_name_in_the_database(people: Tree) -> None:
    assert _names(MemberFilter(as_of=D(2026, 6, 1))) == [
        "Nguyễn Văn Anh",
        "Lê Văn Ánh",
        "Đỗ Thị Ân",
        "Trần Thị Bình",
        "Đặng Văn Dũng",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van", ["Nguyễn Văn Anh"]),
        ("NGUYỄN văn", ["Nguyễn Văn Anh"]),
        ("dang", ["Đặng Văn Dũng"]),
        ("van anh", ["Nguyễn Văn Anh", "Lê Văn Ánh"]),
        ("thi", ["Đỗ Thị Ân", "Trần Thị Bình"]),
        ("xyz", []),
    ],
)
def test_search_ignores_accents_case_and_d_stroke(
    people: Tree, query: str, expected: list[str]
) -> None:
    assert _names(MemberFilter(as_of=D(2026, 6, 1), query=query)) == expected


def test_filters_by_subtree_status_and_gender_as_of_a_date(people: Tree) -> None:
    on = D(2026, 6, 1)

    assert _names(MemberFilter(as_of=on, org=people.grassroots_a)) == [
        "Lê Văn Ánh",
        "Đỗ Thị Ân",
        "Trần Thị Bình",
    ]
    assert _names(MemberFilter(as_of=on, status="PROBATIONARY")) == ["Đặng Văn Dũng"]
    assert _names(MemberFilter(as_of=on, gender="F")) == ["Đỗ Thị Ân", "Trần Thị Bình"]
    assert "Đặng Văn Dũng" not in _names(MemberFilter(as_of=D(2025, 12, 31)))


def test_a_move_shows_in_each_cell_on_its_own_dates(people: Tree) -> None:
    binh = next(
        m
        for m in member_list(user=STAFF, filters=MemberFilter(as_of=D(2024, 1, 1)))
        if m.full_name == "Trần Thị Bình"
    )

    member_move(actor=OPERATOR, member=binh, to_cell=people.grassroots_b, on=D(2024, 7, 1))

    assert "Trần Thị Bình" in _names(MemberFilter(as_of=D(2024, 6, 30), org=people.grassroots_a))
    assert "Trần Thị Bình" not in _names(MemberFilter(as_of=D(2024, 7, 1), org=people.grassroots_a))
    assert "Trần Thị Bình" in _names(MemberFilter(as_of=D(2024, 7, 1), org=people.grassroots_b))


def test_a_page_costs_the_same_number_of_queries_whatever_the_data(
    tree: Tree, add_member: AddMember
) -> None:
    def queries_for_one_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = member_page(user=STAFF, filters=MemberFilter(as_of=D(2026, 6, 1)), params={})
            assert all(member.pk in page.places for member in page.page.object_list)
        return len(captured)

    add_member(tree.cell_a1, full_name="Hoàng Văn Nam")
    few = queries_for_one_page()
    for number in range(30):
        add_member(
            tree.cell_a2 if number % 2 else tree.grassroots_b, full_name=f"Vũ Văn Số{number}"
        )
    many = queries_for_one_page()

    assert few == many == 6


def test_anonymous_users_see_nobody_and_get_404_for_a_record(people: Tree) -> None:
    someone = member_list(user=STAFF, filters=MemberFilter(as_of=D(2026, 6, 1))).first()
    assert someone is not None

    assert list(member_list(user=AnonymousUser(), filters=MemberFilter(as_of=D(2026, 6, 1)))) == []
    with pytest.raises(Http404):
        member_get_for_user(user=AnonymousUser(), pk=someone.pk, as_of=D(2026, 6, 1))
    with pytest.raises(Http404):
        member_get_for_user(user=STAFF, pk=someone.pk + 10_000, as_of=D(2026, 6, 1))
