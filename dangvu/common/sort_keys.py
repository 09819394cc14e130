"""Stored ICU sort keys and the ICU version that made them.

ICU documents that sort keys are comparable only between keys made by the same version of
the library and its collation data. Lists sort by stored keys (the member list pages by
them), so each table with stored keys records the version (`SortKeyVersion`); after an
upgrade of ICU, `dangvu rekey` makes the keys again and records the new version, and the
system check `dangvu.W001` says so until it is done. The apps that store keys register
their tables here (`sort_keys_register`, from their `ready`)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import icu
from django.contrib.auth.models import AnonymousUser
from django.core import checks
from django.db import DatabaseError, models, transaction

from dangvu.common import clock
from dangvu.common.audit import audit_record
from dangvu.common.bulk import update_rows
from dangvu.common.events import Event
from dangvu.common.models import SortKeyVersion

CHUNK = 5000


@dataclass(frozen=True)
class KeyedTable:
    """MODEL stores in KEY_FIELD the key KEY makes of its SOURCE field."""

    model: type[models.Model]
    key_field: str
    source: str
    key: Callable[[str], bytes]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_TABLES: dict[str, KeyedTable] = {}


def sort_keys_register(table: KeyedTable) -> None:
    _TABLES[table.label] = table


def keyed_tables() -> list[KeyedTable]:
    return sorted(_TABLES.values(), key=lambda table: table.label)


def icu_version() -> str:
    """The running ICU and its Unicode data: what the keys made now depend on."""
    return f"ICU {icu.ICU_VERSION}, Unicode {icu.UNICODE_VERSION}"


def stale_tables() -> list[KeyedTable]:
    """The tables whose keys were made by another ICU (or by one never recorded)."""
    recorded = dict(SortKeyVersion.objects.values_list("table", "icu_version"))
    return [table for table in keyed_tables() if recorded.get(table.label) != icu_version()]


def sort_keys_rebuild(table: KeyedTable) -> int:
    """Make TABLE's keys again with the running ICU, record the version and the rebuild:
    one audited transaction, so that a list never mixes keys of two versions. Rows are read
    and written in chunks by id, so memory stays flat on a national-size table. Returns
    the number of rows."""
    model, done, after = table.model, 0, 0
    with transaction.atomic():
        while rows := list(
            model._default_manager.filter(pk__gt=after)
            .order_by("pk")
            .values_list("pk", table.source)[:CHUNK]
        ):
            changed = [_Keyed(pk, table.key_field, table.key(source)) for pk, source in rows]
            update_rows(model, [table.key_field], changed)
            done += len(rows)
            after = rows[-1][0]
        SortKeyVersion.objects.update_or_create(
            table=table.label, defaults={"icu_version": icu_version(), "rebuilt_at": clock.now()}
        )
        audit_record(
            actor=AnonymousUser(),
            action=Event.SORT_KEYS_REBUILT,
            obj=None,
            about=str(model._meta.verbose_name_plural),
            data={"icu_version": icu_version(), "rows": done},
        )
    return done


class _Keyed:
    """What `update_rows` reads of a row: its id and its new key."""

    def __init__(self, pk: int, field: str, key: bytes) -> None:
        self.pk = pk
        setattr(self, field, key)


def sort_keys_check(**kwargs: Any) -> list[checks.CheckMessage]:
    try:
        stale = stale_tables()
    except DatabaseError:
        return []  # before `migrate` has made the table: nothing stored to check
    return [
        checks.Warning(
            f"Khóa sắp xếp của {table.label} không được tạo bằng {icu_version()}: "
            "thứ tự tiếng Việt của danh sách có thể sai.",
            hint="Chạy `dangvu rekey`.",
            id="dangvu.W001",
        )
        for table in stale
    ]
