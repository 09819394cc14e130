"""The audit trail on PostgreSQL: one table partitioned by month of `occurred_at`
(declarative range partitioning), so that a national trail of hundreds of millions of rows
is kept, indexed, vacuumed and archived month by month while the pages, the reverts and
the ORM see one table.

PostgreSQL asks a partitioned table's primary key to hold the partition key: the key is
(id, occurred_at), ids still come from one sequence, and no foreign key points into the
trail (the batch rows', the import batch's and the undone change's are kept without a
database constraint). Each month has its partition; a row outside them (a clock far off,
a month not yet made) lands in the default partition, from which `audit_partitions_ensure`
moves it when its month is made. SQLite keeps one table."""

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from dangvu.common.months import add_months

TABLE = "common_auditentry"
DEFAULT = f"{TABLE}_default"
MONTHS_AHEAD = 12


def partition_name(month: dt.date) -> str:
    return f"{TABLE}_y{month.year}m{month.month:02d}"


def _month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _bound(month: dt.date) -> str:
    """The month's first instant in Hà Nội time: a partition holds a local month."""
    start = dt.datetime(month.year, month.month, 1, tzinfo=timezone.get_default_timezone())
    return start.isoformat()


def is_partitioned(cursor: Any) -> bool:
    cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [TABLE])
    row = cursor.fetchone()
    return row is not None and row[0] == "p"


def audit_partitions_ensure(*, today: dt.date, months_ahead: int = MONTHS_AHEAD) -> list[str]:
    """Make the month partitions from the earliest month the trail holds (or TODAY's)
    through MONTHS_AHEAD months after TODAY's, moving the rows of a new month out of the
    default partition. Returns the names made. Nothing to do on SQLite or before the trail
    is partitioned."""
    if connection.vendor != "postgresql":
        return []
    made = []
    with transaction.atomic(), connection.cursor() as cursor:
        if not is_partitioned(cursor):
            return []
        cursor.execute(f"SELECT MIN(occurred_at) FROM {TABLE}")
        (earliest,) = cursor.fetchone()
        month = _month_of(min(timezone.localtime(earliest).date(), today) if earliest else today)
        last = add_months(_month_of(today), months_ahead)
        existing = _partitions(cursor)
        while month <= last:
            if partition_name(month) not in existing:
                _partition_make(cursor, month)
                made.append(partition_name(month))
            month = add_months(month, 1)
    return made


def _partitions(cursor: Any) -> set[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = to_regclass(%s)",
        [TABLE],
    )
    return {name for (name,) in cursor.fetchall()}


def _partition_make(cursor: Any, month: dt.date) -> None:
    # Made apart, filled from the default partition, then attached: attaching checks that
    # the default partition no longer holds a row of the month.
    name, start, end = partition_name(month), _bound(month), _bound(add_months(month, 1))
    cursor.execute(f"CREATE TABLE {name} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
    in_month = "occurred_at >= %s AND occurred_at < %s"
    cursor.execute(f"INSERT INTO {name} SELECT * FROM {DEFAULT} WHERE {in_month}", [start, end])
    cursor.execute(f"DELETE FROM {DEFAULT} WHERE {in_month}", [start, end])
    cursor.execute(
        f"ALTER TABLE {TABLE} ATTACH PARTITION {name} FOR VALUES FROM (%s) TO (%s)", [start, end]
    )


def audit_table_partition(cursor: Any) -> None:
    """Turn the one audit table into a partitioned one with the same rows, ids, indexes and
    foreign key to the user (the migration's step; in its transaction)."""
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname <> %s",
        [TABLE, f"{TABLE}_pkey"],
    )
    indexes = [definition for (definition,) in cursor.fetchall()]
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = to_regclass(%s) AND contype = 'f'",
        [TABLE],
    )
    own_keys = cursor.fetchall()
    cursor.execute(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint "
        "WHERE confrelid = to_regclass(%s) AND contype = 'f' AND conrelid <> confrelid",
        [TABLE],
    )
    for table, name in cursor.fetchall():
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    old = f"{TABLE}_unpartitioned"
    cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {old}")
    cursor.execute(
        f"CREATE TABLE {TABLE} (LIKE {old} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) "
        "PARTITION BY RANGE (occurred_at)"
    )
    cursor.execute(f"CREATE TABLE {DEFAULT} PARTITION OF {TABLE} DEFAULT")
    cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {old}")
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {old}")
    (last,) = cursor.fetchone()
    cursor.execute(f"DROP TABLE {old}")
    cursor.execute(f"CREATE SEQUENCE {TABLE}_id_seq AS bigint OWNED BY {TABLE}.id")
    cursor.execute("SELECT setval(%s, %s, %s)", [f"{TABLE}_id_seq", max(last, 1), last > 0])
    cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{TABLE}_id_seq')")
    cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, occurred_at)")
    for definition in indexes:
        cursor.execute(definition)
    for name, definition in own_keys:
        if "REFERENCES common_auditentry" not in definition:
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
