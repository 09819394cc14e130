"""The audit trail at national size on PostgreSQL: the disk taken per million events in the
month partitions (table, indexes and TOAST), and the two reads the pages make of it (the
newest entries; one record's history) once it holds them.

The events are written by one INSERT … SELECT over generate_series: the size of a row
depends on what it holds, not on how it was written. Each is a member edit of one field,
the most common entry, spread over the 12 months before today."""

from typing import Any

from django.db import connection

from bench.timing import stopwatch, time_calls
from dangvu.common import clock
from dangvu.common.audit_partitions import TABLE, audit_partitions_ensure
from dangvu.common.months import add_months

EVENTS = 1_000_000

_INSERT = f"""
INSERT INTO {TABLE} (occurred_at, actor_id, action, object_type, object_id, object_repr,
                     org_id, changes, data, reason, batch_id)
SELECT %(start)s::timestamptz + (i * interval '1 year' / %(events)s),
       NULL, 'members.member.updated', 'members.member', 1000000 + i %% 500000,
       'Nguyễn Thị Thu Hương ' || i, 1 + i %% 5000,
       jsonb_build_object('phone', jsonb_build_array('0911' || lpad((i %% 1000000)::text, 6, '0'),
                                                     '0988' || lpad((i %% 999983)::text, 6, '0'))),
       '{{}}'::jsonb, '', NULL
FROM generate_series(1, %(events)s) AS i
"""


def _size(cursor: Any) -> int:
    cursor.execute(
        "SELECT COALESCE(SUM(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits "
        "WHERE inhparent = to_regclass(%s)",
        [TABLE],
    )
    return int(cursor.fetchone()[0])


def _rows(cursor: Any, query: str) -> list[Any]:
    cursor.execute(query)
    return list(cursor.fetchall())


def measure_audit(*, runs: int, warmups: int, events: int = EVENTS) -> dict[str, Any]:
    today = clock.today()
    start = add_months(today.replace(day=1), -12)
    audit_partitions_ensure(today=today)
    with connection.cursor() as cursor:
        before = _size(cursor)
        seconds, _ = stopwatch(lambda: cursor.execute(_INSERT, {"start": start, "events": events}))
        cursor.execute(f"VACUUM ANALYZE {TABLE}")
        grown = _size(cursor) - before
        newest = time_calls(
            lambda: _rows(cursor, f"SELECT id FROM {TABLE} ORDER BY occurred_at DESC LIMIT 50"),
            runs=runs,
            warmups=warmups,
        )
        history = time_calls(
            lambda: _rows(
                cursor,
                f"SELECT id FROM {TABLE} WHERE object_type = 'members.member' "
                "AND object_id = 1012345 ORDER BY occurred_at",
            ),
            runs=runs,
            warmups=warmups,
        )
        cursor.execute(
            "SELECT COUNT(*) FROM pg_inherits WHERE inhparent = to_regclass(%s)", [TABLE]
        )
        partitions = int(cursor.fetchone()[0])
    return {
        "events": events,
        "partitions": partitions,
        "insert_seconds": round(seconds, 1),
        "mb_per_million": round(grown / events * 1_000_000 / 2**20),
        "bytes_per_event": round(grown / events),
        "newest_page": newest,
        "history": history,
    }
