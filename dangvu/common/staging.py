"""Scratch tables for bulk loads that are checked in one step and written in a later one.

An import's dry run checks every row, which is most of the work; what it finds good it
copies into a stage: a table with the target model's columns plus a few of its own. The
commit, once the user has confirmed, then writes the rows with INSERT … SELECT on the
server, the way a DBA's bulk load would, instead of reading and checking the file again.

A stage has no constraints and, on PostgreSQL, no write-ahead log (UNLOGGED): it is only a
copy of what the file said, and it is dropped once written. Its rows are checked again in
SQL at commit time for what can change in between.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection, models, transaction

from dangvu.common.bulk import allocate_ids, copy_rows, field_defaults, last_id

PREFIX = "stage_"


class Stage:
    """The stage NAME for rows of MODEL, with EXTRA columns (each named `stage_…`)."""

    def __init__(
        self, model: type[models.Model], name: str, extra: Mapping[str, models.Field[Any, Any]]
    ) -> None:
        if not all(column.startswith(PREFIX) for column in extra):
            raise ValueError("a stage's own columns are named stage_…")
        self.model, self.extra = model, extra
        self.table = connection.ops.quote_name(name)
        self.name = name
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]

    def create(self) -> None:
        """An empty stage, replacing any earlier one of the same name."""
        self.drop()
        source = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"CREATE UNLOGGED TABLE {self.table} AS SELECT * FROM {source} WITH NO DATA"
                )
            else:
                cursor.execute(f"CREATE TABLE {self.table} AS SELECT * FROM {source} WHERE 0")
            for column, field in self.extra.items():
                cursor.execute(
                    f"ALTER TABLE {self.table} ADD COLUMN {column} {field.db_type(connection)}"
                )

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")

    def exists(self) -> bool:
        return self.name in connection.introspection.table_names()

    def append(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Add ROWS (the model's attnames, fields left out taking their defaults, and the
        stage's own columns) to the stage. New rows leave the id out (None).

        On PostgreSQL new rows are numbered now, from the table's sequence, which keeps the
        commit short; a stage that is never written leaves a gap in the sequence, as any
        rolled back insert does. SQLite has no sequence to take ids from ahead of time, so
        there the commit numbers them (`number_new_rows`)."""
        if not rows:
            return
        defaults = field_defaults(self.fields)
        pk = self.model._meta.pk.attname
        if connection.vendor == "postgresql":
            ids = iter(allocate_ids(self.model, sum(row.get(pk) is None for row in rows)))
            rows = [row if row.get(pk) is not None else {**row, pk: next(ids)} for row in rows]
        extra = list(self.extra)
        fields = [*self.fields, *self.extra.values()]
        values = ([*(row.get(k, d) for k, d in defaults.items()), *(row[c] for c in extra)]
                  for row in rows)  # fmt: skip
        # One transaction for the lot: outside one, SQLite would commit every row alone.
        with transaction.atomic():
            copy_rows(self.name, [*self.columns, *extra], fields, values)

    def number_new_rows(self, where: str) -> None:
        """SQLite: give the rows matching WHERE (no id yet) new ids of the model's table.
        The caller holds the write lock (IMMEDIATE transactions), as for `insert_rows`.
        On PostgreSQL they were numbered when staged."""
        if connection.vendor == "postgresql":
            return
        pk = connection.ops.quote_name(self.model._meta.pk.column)
        base = last_id(self.model)  # rowids are unique and grow: above the last id, new ones
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {self.table} SET {pk} = %s + rowid WHERE {where}", [base])

    def insert_into_model(self, where: str, fixed: Mapping[str, Any]) -> int:
        """Copy the rows matching WHERE into the model's table, with the FIXED values (by
        column) for every row; the number of rows written."""
        target = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        chosen = ", ".join("%s" if c in fixed else connection.ops.quote_name(c)
                           for c in self.columns)  # fmt: skip
        params = [fixed[c] for c in self.columns if c in fixed]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {target} ({names}) SELECT {chosen} FROM {self.table} WHERE {where}",
                params,
            )
            return int(cursor.rowcount)

    def select(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of SQL, where `{stage}` names the stage's table."""
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("{stage}", self.table), list(params))
            return list(cursor.fetchall())

    def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run SQL (`{stage}` naming the stage's table); the number of rows it touched."""
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("{stage}", self.table), list(params))
            return int(cursor.rowcount)


def stage_names(prefix: str) -> list[str]:
    """The tables named PREFIX…: stages left over, for clearing up."""
    return [name for name in connection.introspection.table_names() if name.startswith(prefix)]
