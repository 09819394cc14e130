"""On PostgreSQL the audit trail is partitioned by month: an entry lives in its month's
partition, one written before its month was made moves there when it is, and the trail
reads and reverts as one table."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from conftest import TODAY, AddMember, Tree
from dangvu.common.audit import audit_revert
from dangvu.common.audit_partitions import audit_partitions_ensure
from dangvu.common.events import EDITS, Event
from dangvu.common.models import AuditEntry
from dangvu.members.models import Member
from dangvu.members.services import member_update
from dangvu.organizations.access import OPERATOR

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite keeps the trail in one table"
)


def _partition_of(entry: AuditEntry) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM common_auditentry WHERE id = %s", [entry.pk]
        )
        return str(cursor.fetchone()[0])


def test_an_entry_of_a_past_month_moves_to_its_partition_and_still_reverts(
    tree: Tree, add_member: AddMember, frozen_clock: time_machine.Traveller
) -> None:
    member = add_member(tree.cell_a1, phone="0911000111")
    march = dt.datetime(2025, 3, 10, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    frozen_clock.move_to(march)
    member_update(
        actor=OPERATOR, member=member, version=member.version,
        values={"phone": "0922000222"}, today=march.date(),
    )  # fmt: skip
    frozen_clock.move_to(dt.datetime.combine(TODAY, dt.time(10), tzinfo=march.tzinfo))
    edit = AuditEntry.objects.get(action=Event.UPDATED, object_id=member.pk)
    assert (
        _partition_of(edit) == "common_auditentry_default"
    )  # the test database's months lie years ahead

    made = audit_partitions_ensure(today=TODAY, months_ahead=1)

    assert made[0] == "common_auditentry_y2025m03"
    assert _partition_of(edit) == "common_auditentry_y2025m03"
    assert audit_partitions_ensure(today=TODAY, months_ahead=1) == []
    audit_revert(actor=OPERATOR, entry=edit, today=TODAY)
    assert Member.objects.get(pk=member.pk).phone == "0911000111"
    revert = AuditEntry.objects.get(action=Event.REVERTED)
    assert _partition_of(revert) == "common_auditentry_y2026m11"
    trail = AuditEntry.objects.filter(object_id=member.pk, action__in=EDITS)
    assert list(trail.order_by("occurred_at").values_list("pk", flat=True)) == [edit.pk, revert.pk]
