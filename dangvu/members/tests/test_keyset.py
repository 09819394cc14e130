"""Keyset pages of the member list give the members and totals of the plain query."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import OPERATOR, AddMember, Tree
from dangvu.common import keyset
from dangvu.members.models import Gender, Member, Status
from dangvu.members.selectors import MemberFilter, member_list, member_page

ON = dt.date(2026, 6, 1)
# Duplicate names share a sort key: the id breaks the tie, across a page's edge too.
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn An", "Đặng Thị Đào", "Nguyễn Văn An"]


@pytest.fixture
def registry(tree: Tree, add_member: AddMember) -> Tree:
    cells = [tree.cell_a1, tree.cell_a2, tree.grassroots_b]
    for number in range(23):
        probationary = number % 5 == 0
        add_member(
            cells[number % 3],
            full_name=NAMES[number % len(NAMES)],
            gender=Gender.FEMALE if number % 4 == 0 else Gender.MALE,
            admission_date=dt.date(2025, 1 + number % 12, 1)
            if probationary
            else dt.date(2010, 5, 19),
            official_date=None if probationary else dt.date(2011, 5, 19),
        )
    return tree


filters_strategy = st.builds(
    MemberFilter,
    as_of=st.just(ON),
    status=st.sampled_from(["", Status.OFFICIAL, Status.PROBATIONARY]),
    gender=st.sampled_from(["", Gender.MALE, Gender.FEMALE]),
    query=st.sampled_from(["", "an", "nguyen", "thi", "dao", "zzz"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(filters=filters_strategy, per_page=st.integers(1, 7), limit=st.integers(1, 30))
def test_pages_forward_and_back_give_the_plain_list_and_count(
    registry: Tree, filters: MemberFilter, per_page: int, limit: int
) -> None:
    expected = list(member_list(user=OPERATOR, filters=filters).values_list("pk", flat=True))
    rows = member_list(user=OPERATOR, filters=filters)

    forward: list[int] = []
    pages = [keyset.keyset_page(rows, {}, key="sort_key", per_page=per_page)]
    # Bounded walks: a cursor that failed to move on must fail the test, not hang it.
    for _ in range(len(expected) + 1):
        forward += [member.pk for member in pages[-1].object_list]
        if pages[-1].next_after is None:
            break
        params = {"after": str(pages[-1].next_after), "n": str(pages[-1].number + 1)}
        pages.append(keyset.keyset_page(rows, params, key="sort_key", per_page=per_page))
    backward: list[list[int]] = []
    page = pages[-1]
    for _ in range(len(pages)):
        if page.previous_before is None:
            break
        params = {"before": str(page.previous_before), "n": str(page.number - 1)}
        page = keyset.keyset_page(rows, params, key="sort_key", per_page=per_page)
        backward.insert(0, [member.pk for member in page.object_list])

    assert forward == expected
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert [[m.pk for m in p.object_list] for p in pages[:-1]] == backward
    assert page.number == 1
    keyset_count = _count_with_limit(rows, limit)
    assert keyset_count == (min(len(expected), limit), len(expected) > limit)


def _count_with_limit(rows: QuerySet[Member], limit: int) -> tuple[int, bool]:
    page = keyset.keyset_page(rows, {}, key="sort_key", count_limit=limit)
    return page.count, page.count_capped


@pytest.mark.parametrize("cursor", ["0", "9223372036854775808", "abc", "-1", "", "١٢"])
def test_a_cursor_that_is_no_row_gives_the_first_page(registry: Tree, cursor: str) -> None:
    rows = member_list(user=OPERATOR, filters=MemberFilter(as_of=ON))
    first = keyset.keyset_page(rows, {}, key="sort_key", per_page=5)
    for key in ("after", "before"):
        page = keyset.keyset_page(rows, {key: cursor, "n": "7"}, key="sort_key", per_page=5)
        assert (page.object_list, page.number) == (first.object_list, 1)


def test_a_member_outside_the_list_is_no_cursor(registry: Tree, add_member: AddMember) -> None:
    """A link naming a member the user may not list starts from the top, so a cursor
    cannot place an out-of-scope member in the list's order."""
    elsewhere = add_member(registry.cell_a1, full_name="Ẩn Danh")
    filters = MemberFilter(as_of=ON, org=registry.grassroots_b)
    rows = member_list(user=OPERATOR, filters=filters)

    page = keyset.keyset_page(rows, {"after": str(elsewhere.pk)}, key="sort_key", per_page=3)

    assert page.number == 1
    assert page.object_list == list(rows[:3])


def test_a_page_costs_the_same_queries_at_page_1_and_deep_in_the_list(registry: Tree) -> None:
    filters = MemberFilter(as_of=ON)
    last = Member.objects.order_by("-sort_key", "-id").first()
    assert last is not None

    def queries(params: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as captured:
            page = member_page(user=OPERATOR, filters=filters, params=params)
            assert all(member.pk in page.cells for member in page.page.object_list)
        return len(captured)

    middle = member_list(user=OPERATOR, filters=filters)[10]
    assert queries({}) == 6
    assert queries({"after": str(middle.pk), "n": "2"}) == 7  # and the cursor's key
    # Past the end: the cursor's key, no ids after it, then the first page.
    assert queries({"after": str(last.pk)}) == 8
