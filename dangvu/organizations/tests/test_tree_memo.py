import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Tree
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgVersion
from dangvu.organizations.services import org_rename
from dangvu.organizations.tree_memo import tree_memo, version_on, versions_on

D = dt.date
DAYS = [D(2014, 12, 31), D(2015, 1, 1), D(2025, 2, 28), D(2025, 3, 1), D(2026, 6, 1)]


def _answers(tree: Tree) -> list[object]:
    orgs = [tree.committee, tree.grassroots_a, tree.cell_a1, tree.cell_a2, tree.grassroots_b]
    ids = [org.pk for org in orgs]
    return [
        (
            [getattr(version_on(pk, day), "pk", None) for pk in ids],
            {pk: version.pk for pk, version in versions_on(ids, day).items()},
        )
        for day in DAYS
    ]


def test_the_memo_answers_as_the_database_does_on_every_day(tree: Tree) -> None:
    org_rename(actor=OPERATOR, org=tree.grassroots_a, new_name="Đảng bộ Sở Tài chính mới",
               effective_date=D(2025, 3, 1))  # fmt: skip
    read = _answers(tree)

    with tree_memo(), CaptureQueriesContext(connection) as queries:
        remembered = _answers(tree)

    assert remembered == read
    assert len(queries) == 1


def test_a_change_of_the_tree_inside_the_memo_is_seen_by_the_next_lookup(tree: Tree) -> None:
    with tree_memo():
        before = version_on(tree.grassroots_a.pk, D(2025, 3, 1))
        org_rename(actor=OPERATOR, org=tree.grassroots_a, new_name="Đảng bộ Sở Tài chính mới",
                   effective_date=D(2025, 3, 1))  # fmt: skip
        after = version_on(tree.grassroots_a.pk, D(2025, 3, 1))

    assert before is not None and before.name == "Đảng bộ Sở Tài chính"
    assert after is not None and after.name == "Đảng bộ Sở Tài chính mới"
    assert after == OrgVersion.objects.as_of(D(2025, 3, 1)).get(org=tree.grassroots_a)


def test_outside_the_memo_every_lookup_reads_the_database(tree: Tree) -> None:
    with tree_memo():
        version_on(tree.cell_a1.pk, D(2025, 1, 1))

    with CaptureQueriesContext(connection) as queries:
        version_on(tree.cell_a1.pk, D(2025, 1, 1))
        version_on(tree.cell_a1.pk, D(2025, 1, 1))

    assert len(queries) == 2
