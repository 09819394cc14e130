"""Inserting and updating many rows at once, for imports and batch services.

Django's `bulk_create` builds a model instance per row and sends multi-row INSERTs; at
100,000 rows the instances alone cost seconds. `insert_rows` takes plain dicts instead, and
on PostgreSQL sends them with COPY, the server's own bulk path. Ids are taken from the
table's sequence beforehand, so the caller can write related rows in the same way.

Django's `bulk_update` writes one CASE per column listing every row: building and parsing
it costs about half a millisecond a row. `update_rows` sends the new values as data: one
statement reused for every row on SQLite, one UPDATE joined to arrays on PostgreSQL.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from django.db import connection, models, transaction

from dangvu.common import clock


def insert_rows(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert ROWS (field attname → value; fields left out take their defaults) into MODEL's
    table and return their new ids in order. Runs inside the caller's transaction; no
    signals are sent and no `save()` is called, as with `bulk_create`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("insert_rows must be called inside transaction.atomic")
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = field_defaults(fields)
    ids = allocate_ids(model, len(rows))
    template = [None, *defaults.values()]
    position = {name: i for i, name in enumerate(defaults, start=1)}
    values = (_row(template, position, pk, row) for pk, row in zip(ids, rows, strict=True))
    pk = model._meta.pk
    columns = [pk.column, *(f.column for f in fields)]
    copy_rows(model._meta.db_table, columns, [pk, *fields], values)
    return ids


def update_rows(model: type[models.Model], fields: Sequence[str], objs: Sequence[Any]) -> None:
    """Write FIELDS (names of concrete columns) of OBJS, saved instances of MODEL, as they
    stand in memory. Like `bulk_update`: no signals, no `save()`, no validation."""
    if not objs or not fields:
        return
    meta = model._meta
    chosen = [cast(models.Field[Any, Any], meta.get_field(name)) for name in fields]
    pk = meta.pk
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    rows = list(
        _prepared([*chosen, pk], ([*(getattr(o, f.attname) for f in chosen), o.pk] for o in objs))
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = [*chosen, pk]
            arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in columns)
            names = ", ".join(quote(f"v{i}") for i in range(len(columns)))
            sets = ", ".join(
                f"{quote(f.column)} = v.{quote(f'v{i}')}" for i, f in enumerate(chosen)
            )
            cursor.execute(
                f"UPDATE {table} SET {sets} FROM unnest({arrays}) AS v({names}) "
                f"WHERE {table}.{quote(pk.column)} = v.{quote(f'v{len(chosen)}')}",
                [list(column) for column in zip(*rows, strict=True)],
            )
        else:
            sets = ", ".join(f"{quote(f.column)} = %s" for f in chosen)
            cursor.executemany(
                f"UPDATE {table} SET {sets} WHERE {quote(pk.column)} = %s",
                rows,
            )


def _row(
    template: list[Any], position: dict[str, int], pk: int, row: Mapping[str, Any]
) -> list[Any]:
    values = template.copy()
    values[0] = pk
    for name, value in row.items():
        values[position[name]] = value  # a KeyError for a name that is no column's attname
    return values


def field_defaults(fields: Iterable[models.Field[Any, Any]]) -> dict[str, Any]:
    """The value each of FIELDS takes when a row leaves it out, by attname."""
    now = clock.now()
    return {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in fields
    }


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """COUNT new ids for MODEL's rows. On SQLite they are only safe to use within the
    transaction that took them (see `last_id`)."""
    table = model._meta.db_table
    pk = model._meta.pk.column
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
    last = last_id(model)
    return list(range(last + 1, last + 1 + count))


def last_id(model: type[models.Model]) -> int:
    """SQLite: the id above which MODEL's new rows may be numbered. The transaction holds
    the write lock (transaction_mode IMMEDIATE), so no one else takes ids meanwhile.
    AUTOINCREMENT tables never reuse an id, even a deleted row's, so this is above both
    the sequence and the largest id."""
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f'COALESCE((SELECT MAX("{pk}") FROM "{table}"), 0))',
            [table],
        )
        (last,) = cursor.fetchone()
    return int(last)


def copy_rows(
    table: str,
    columns: Sequence[str],
    fields: Sequence[models.Field[Any, Any]],
    rows: Iterable[list[Any]],
) -> None:
    """Send ROWS (values in the order of COLUMNS, each column FIELDS' field) to TABLE: COPY
    on PostgreSQL, executemany on SQLite."""
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    prepared = _prepared(fields, rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor, under Django's wrapper
            # whose errors are Django's again (an IntegrityError the caller can catch)
            with (
                connection.wrap_database_errors,
                raw.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy,
            ):
                for row in prepared:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})",
                list(prepared),
            )


_NATIVE = (type(None), str, int, bool)


def _prepared(
    fields: Sequence[models.Field[Any, Any]], rows: Iterable[list[Any]]
) -> Iterable[list[Any]]:
    """Values as the driver takes them. JSON goes as its text, which both databases parse
    (Django's own preparation costs several times as much). psycopg adapts dates, times and
    bytes itself, so on PostgreSQL nothing else needs preparing; SQLite goes through each
    field's preparation, but for the values the driver takes as they are."""
    json_fields = [(i, f.encoder) for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    others = [] if connection.vendor == "postgresql" else [
        (i, f) for i, f in enumerate(fields) if not isinstance(f, models.JSONField)
    ]  # fmt: skip
    # A value a column repeats (a batch's time, a month's date) is prepared once.
    prepared: dict[tuple[int, type, Any], Any] = {}
    for row in rows:
        for i, encoder in json_fields:
            if row[i] is not None:
                row[i] = json.dumps(row[i], cls=encoder)
        for i, field in others:
            # The driver takes these as they are; Django's preparation of each costs more
            # than the insert itself.
            value = row[i]
            if type(value) not in _NATIVE:
                key = (i, type(value), value)
                try:
                    row[i] = prepared[key]
                except KeyError:
                    row[i] = prepared[key] = field.get_db_prep_save(value, connection)
                except TypeError:  # unhashable
                    row[i] = field.get_db_prep_save(value, connection)
        yield row


def refresh_statistics(*models_: type[models.Model]) -> None:
    """After a bulk load, tell PostgreSQL's planner how big the tables now are. Until
    autovacuum gets to them it plans from the old sizes, and a plan made for an empty
    table can turn a query over thousands of rows into minutes. ANALYZE counts the rows
    the current transaction inserted.

    Only the columns plans are chosen by are analyzed: keys and the columns of plain
    indexes (not a trigram index's expression). That takes a third of the time of every
    column (the names, the JSON of the audit trail), and the other columns' old figures
    (shares of each value) stay about right until autovacuum analyzes the whole table,
    shortly after the load."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_:
            columns = ", ".join(quote(c) for c in sorted(_planned_columns(model)))
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)} ({columns})")


def _planned_columns(model: type[models.Model]) -> set[str]:
    """MODEL's key and indexed columns."""
    opts = model._meta
    column_of = {f.name: str(f.column) for f in opts.concrete_fields}
    names = {
        f.name
        for f in opts.concrete_fields
        if f.primary_key or f.unique or f.is_relation or getattr(f, "db_index", False)
    }
    for index in opts.indexes:
        names |= {name.lstrip("-") for name in index.fields}
    for constraint in opts.constraints:
        names |= set(getattr(constraint, "fields", ()))
    return {column_of[name] for name in names}
