"""What a call writes, transaction by transaction: every INSERT, UPDATE and DELETE on the
project's tables (and COPY, PostgreSQL's bulk path), grouped by the transaction it ran in,
leaving out what a rolled back savepoint undid. For the audit walk: each transaction that
writes must write an `AuditEntry` too."""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from django.apps import apps
from django.db import connection

from dangvu.common import bulk
from dangvu.common.models import AuditEntry

_WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_SAVEPOINT = re.compile(r'^\s*SAVEPOINT\s+"?(\w+)"?', re.IGNORECASE)
_ROLLBACK = re.compile(r'^\s*ROLLBACK\s+TO\s+SAVEPOINT\s+"?(\w+)"?', re.IGNORECASE)
_SET_COLUMN = re.compile(r'"(\w+)"\s*=')

AUDIT_TABLE = AuditEntry._meta.db_table


@dataclass(frozen=True)
class Write:
    verb: str  # INSERT, UPDATE or DELETE
    table: str
    columns: frozenset[str]  # an UPDATE's assigned columns
    transaction: str | None  # the call's outermost savepoint; None outside any transaction


def _update_columns(sql: str) -> frozenset[str]:
    upper = sql.upper()
    start = upper.find(" SET ")
    end = min((i for i in (upper.find(" WHERE ", start), upper.find(" FROM ", start)) if i > 0),
              default=len(sql))  # fmt: skip
    return frozenset(_SET_COLUMN.findall(sql[start:end]))


@dataclass
class Recorder:
    """Writes on TABLES while recording; transactions are told apart by the savepoint
    Django makes for the outermost `atomic` block entered during the call (the test runs
    inside its own transaction)."""

    tables: frozenset[str]
    base: int = 0
    events: list[tuple[str, Any]] = field(default_factory=list)

    def _note(self, sql: str) -> None:
        if match := _SAVEPOINT.match(sql):
            self.events.append(("savepoint", match.group(1)))
        elif match := _ROLLBACK.match(sql):
            self.events.append(("rollback", match.group(1)))
        elif match := _WRITE.match(sql):
            verb = match.group(1).split()[0].upper()
            columns = _update_columns(sql) if verb == "UPDATE" else frozenset()
            self._write(verb, match.group(2), columns)

    def _write(self, verb: str, table: str, columns: frozenset[str] = frozenset()) -> None:
        if table not in self.tables:
            return
        ids = connection.savepoint_ids
        within = ids[self.base] if len(ids) > self.base else None
        self.events.append(("write", Write(verb, table, columns, within)))

    def __call__(self, execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        result = execute(sql, *args)
        self._note(sql)
        return result

    def writes(self) -> list[Write]:
        """The writes that stand: those a rollback to an earlier savepoint undid are left
        out."""
        kept: list[tuple[str, Any]] = []
        for kind, value in self.events:
            if kind == "rollback":
                marks = [i for i, (k, v) in enumerate(kept) if k == "savepoint" and v == value]
                if marks:
                    del kept[marks[-1] + 1 :]
            else:
                kept.append((kind, value))
        return [value for kind, value in kept if kind == "write"]

    def transactions(self) -> list[list[Write]]:
        """The writes grouped by transaction; each write outside a transaction alone."""
        groups: dict[str, list[Write]] = {}
        alone: list[list[Write]] = []
        for write in self.writes():
            if write.transaction is None:
                alone.append([write])
            else:
                groups.setdefault(write.transaction, []).append(write)
        return [*groups.values(), *alone]


def project_tables(ignored: frozenset[str]) -> frozenset[str]:
    """Every model's table but IGNORED."""
    return frozenset(model._meta.db_table for model in apps.get_models()) - ignored


@contextmanager
def recording(tables: frozenset[str]) -> Iterator[Recorder]:
    """Record the writes on TABLES made inside the block."""
    recorder = Recorder(tables, base=len(connection.savepoint_ids))
    copy = bulk.copy_rows

    def copied(table: str, *args: Any, **kwargs: Any) -> None:
        copy(table, *args, **kwargs)
        recorder._write("INSERT", table)

    with connection.execute_wrapper(recorder), mock.patch.object(bulk, "copy_rows", copied):
        yield recorder
