"""The kept per-cell figures: counted once per day, recounted where a write changed them,
whichever way the write came (services, SQL by hand), and never read stale. Runs on SQLite
and PostgreSQL, whose triggers differ."""

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings

from conftest import AddMember, Tree
from dangvu.members.models import ExitReason, Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership
from dangvu.stats import cell_counts
from dangvu.stats.cell_counts import counted_days, read_counted
from dangvu.stats.models import CellCount, CountedDay, DirtyCell
from dangvu.stats.selectors import flatten, org_tree
from dangvu.stats.triggers import sync_triggers

D = dt.date
DAY = D(2026, 1, 31)

pytestmark = pytest.mark.django_db


def _members(tree: Tree, code: str, on: dt.date = DAY) -> int:
    return next(node.counts.total for node in flatten(org_tree(user=OPERATOR, as_of=on))
                if node.code == code)  # fmt: skip


def _row_ids() -> dict[int, int]:
    return dict(CellCount.objects.values_list("org_id", "id"))


def test_a_write_recounts_only_the_cells_it_changed(tree: Tree, add_member: AddMember) -> None:
    add_member(tree.cell_a1, full_name="Lê Thị Hoa")
    add_member(tree.grassroots_b, full_name="Ngô Văn Tài")
    assert _members(tree, "CSA-1") == 1
    before = _row_ids()

    add_member(tree.cell_a1, full_name="Phạm Văn Hùng")

    assert set(DirtyCell.objects.values_list("org_id", flat=True)) == {tree.cell_a1.pk}
    assert _members(tree, "CSA-1") == 2
    after = _row_ids()
    assert after[tree.grassroots_b.pk] == before[tree.grassroots_b.pk]  # not recounted
    assert after[tree.cell_a1.pk] != before[tree.cell_a1.pk]
    assert not DirtyCell.objects.exists()


def test_sql_written_by_hand_reaches_the_figures(tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1, full_name="Lê Văn Hoa", gender="M")
    assert _members(tree, "CSA-1") == 1
    with connection.cursor() as cursor:
        cursor.execute("UPDATE members_member SET gender = 'F' WHERE id = %s", [member.pk])
        cursor.execute(
            "UPDATE organizations_membership SET org_id = %s WHERE member_id = %s",
            [tree.cell_a2.pk, member.pk],
        )
    nodes = {node.code: node for node in flatten(org_tree(user=OPERATOR, as_of=DAY))}
    assert nodes["CSA-1"].counts.total == 0
    assert nodes["CSA-2"].counts.by_gender == {"M": 0, "F": 1}


def test_a_change_no_figure_reads_marks_nothing(tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1, full_name="Lê Văn Hoa")
    DirtyCell.objects.all().delete()
    Member.objects.filter(pk=member.pk).update(full_name="Lê Văn Hòa", phone="0912345678")
    assert not DirtyCell.objects.exists()
    Member.objects.filter(pk=member.pk).update(exit_date=D(2025, 1, 1), exit_reason=ExitReason.DIED)
    assert DirtyCell.objects.filter(org_id=tree.cell_a1.pk).exists()


def test_every_counted_day_is_recounted(tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1, full_name="Lê Văn Hoa", joined_on=D(2020, 1, 1))
    assert (_members(tree, "CSA-1", D(2021, 1, 1)), _members(tree, "CSA-1")) == (1, 1)
    Membership.objects.filter(member=member).update(valid_to=D(2022, 1, 1))
    assert (_members(tree, "CSA-1", D(2021, 1, 1)), _members(tree, "CSA-1")) == (1, 0)


@override_settings(STATS_COUNTED_DAYS=2)
def test_the_oldest_days_are_forgotten_past_the_setting(tree: Tree) -> None:
    counted_days([D(2024, 1, 1)])
    counted_days([D(2025, 1, 1)])
    counted_days([D(2026, 1, 1)])
    assert sorted(CountedDay.objects.values_list("day", flat=True)) == [D(2025, 1, 1),
                                                                       D(2026, 1, 1)]  # fmt: skip
    # A reader that needs more days than the setting keeps them all.
    counted_days([D(2020, 1, 1), D(2021, 1, 1), D(2022, 1, 1)])
    assert CountedDay.objects.count() == 3


def test_many_changes_recount_the_days_whole(
    tree: Tree, add_member: AddMember, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_member(tree.cell_a1, full_name="Lê Văn Hoa")
    assert _members(tree, "CSA-1") == 1
    monkeypatch.setattr(cell_counts, "RECOUNT_LIMIT", 1)
    add_member(tree.cell_a2, full_name="Phạm Văn Hùng")
    add_member(tree.grassroots_b, full_name="Ngô Văn Tài")
    nodes = {node.code: node.counts.total for node in flatten(org_tree(user=OPERATOR, as_of=DAY))}
    assert (nodes["CSA"], nodes["CSB"]) == (2, 1)
    assert list(CountedDay.objects.values_list("day", flat=True)) == [DAY]


def test_migrate_puts_back_triggers_a_table_rebuild_dropped(
    tree: Tree, add_member: AddMember
) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER stats_membership_dirty ON organizations_membership")
        else:
            cursor.execute("DROP TRIGGER stats_membership_insert")
    counted_days([DAY])
    add_member(tree.cell_a1, full_name="Lê Văn Hoa")
    assert not DirtyCell.objects.exists()

    sync_triggers(connection)  # what post_migrate runs

    assert not CountedDay.objects.exists()  # counted without the triggers: forgotten
    assert _members(tree, "CSA-1") == 1
    add_member(tree.cell_a1, full_name="Phạm Văn Hùng")
    assert _members(tree, "CSA-1") == 2


def test_a_day_dropped_while_it_is_read_is_counted_and_read_again(
    tree: Tree, add_member: AddMember
) -> None:
    add_member(tree.cell_a1, full_name="Lê Văn Hoa")
    read_ids: list[int] = []

    def read(days: dict[dt.date, int]) -> int:
        read_ids.append(days[DAY])
        if len(read_ids) == 1:  # another reader drops the day past the setting meanwhile
            CountedDay.objects.filter(pk=days[DAY]).delete()
        return CellCount.objects.filter(day_id=days[DAY]).count()

    assert read_counted([DAY], read) == 1
    assert len(read_ids) == 2 and read_ids[0] != read_ids[1]
