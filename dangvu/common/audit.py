"""Writing the audit trail. Services call `audit_record` inside their transaction."""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.bulk import insert_rows
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry


class Actor(Protocol):
    """Who makes a change: a user, or the operator at the console (no user attached)."""

    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...


def stored_value(value: Any) -> Any:
    """VALUE as the audit trail keeps it: JSON, and enough to put it back."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, File) or value is False:  # an uploaded, kept or cleared file
        return getattr(value, "name", None) or ""
    return value


def restored_value(field: Any, stored: Any) -> Any:
    """The Python value of FIELD that `stored_value` recorded as STORED."""
    if stored is None or stored == "":
        return None if field.null else stored
    if field.is_relation:
        return field.related_model.objects.filter(pk=stored["id"]).first()
    return field.to_python(stored)


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value differs, as {field: [before, after]} in JSON-safe form."""
    return {
        name: [stored_value(before.get(name)), stored_value(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


class UnknownEvent(ValueError):
    """An action code that `Event` does not name: the trail would show it raw."""


_KNOWN = frozenset(Event.values)  # `Event.values` builds a new list at each use


def _known(action: str) -> str:
    if action not in _KNOWN:
        raise UnknownEvent(f"{action!r} is not a member of common.events.Event")
    return action


# Inside `audit_deferred()`: the entries recorded so far, written as the block ends.
_deferred: ContextVar[list[AuditEntry] | None] = ContextVar("audit_deferred", default=None)


@contextmanager
def audit_deferred() -> Iterator[None]:
    """Write the entries `audit_record` makes within the block in one insert as it ends,
    in the order they were made (the same rows, and ids, as one insert each). For a long
    run of service calls in one transaction that rolls nothing back and reads no entry
    back (the demo's replay of years of steps, 11,000 entries): an entry has no id until
    the block ends, and one recorded in a savepoint rolled back would still be written.
    Nothing is written if the block raises (its transaction is being rolled back)."""
    entries: list[AuditEntry] = []
    token = _deferred.set(entries)
    try:
        yield
    finally:
        _deferred.reset(token)
    columns = [f.attname for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    insert_rows(AuditEntry, [{name: getattr(e, name) for name in columns} for e in entries])


def _not_deferred(what: str) -> None:
    if _deferred.get() is not None:
        raise RuntimeError(f"{what} cannot run inside audit_deferred(): its ids would clash")


def audit_record(
    *,
    actor: Actor,
    action: Event,
    obj: models.Model | None,
    org: models.Model | None = None,
    about: str = "",
    changes: Mapping[str, list[Any]] | None = None,
    data: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Record ACTION on OBJ (or, for a list, ABOUT what; ABOUT also names an OBJ whose
    `str` would not read well). Must run inside the caller's transaction, so that a rolled
    back change leaves no audit entry and a committed one always has its entry."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside transaction.atomic")
    entry = AuditEntry(
        occurred_at=clock.now(),
        actor_id=actor.pk if actor.is_authenticated else None,
        action=_known(action),
        # An action on no single record (an export of a list) names what it was ABOUT.
        object_type=obj._meta.label_lower if obj is not None else "list",
        object_id=obj.pk if obj is not None else 0,
        object_repr=(about or (str(obj) if obj is not None else ""))[:255],
        org_id=org.pk if org is not None else None,
        changes=dict(changes or {}),
        data={key: stored_value(value) for key, value in (data or {}).items()},
        reason=reason,
    )
    deferred = _deferred.get()
    if deferred is None:
        entry.save(force_insert=True)
    else:
        deferred.append(entry)
    return entry


def audit_rows(batch: AuditEntry, rows: Iterable[Mapping[str, Any]]) -> None:
    """The per-record detail of BATCH, a bulk operation's entry: ROWS give each record's
    action, object_type, object_id, object_repr and, where they apply, org_id, changes and
    data (JSON-safe already). They share the batch's actor and time."""
    audit_rows_of([(batch, rows)])


def audit_rows_of(batches: Iterable[tuple[AuditEntry, Iterable[Mapping[str, Any]]]]) -> None:
    """`audit_rows` for several BATCHES in one insert: a collection sheet's 1,000 cells
    each have their entry, and their rows cost one statement, not one each."""
    _not_deferred("audit_rows")
    known = [
        {"occurred_at": batch.occurred_at, "actor_id": batch.actor_id, "batch_id": batch.pk}
        | dict(row)
        | {"action": _known(row["action"])}
        for batch, rows in batches
        for row in rows
    ]
    insert_rows(AuditEntry, known)


# What `audit_rows_select`'s query gives, in this order.
SELECTED_COLUMNS = (
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "org_id",
    "changes",
    "data",
)


def audit_rows_select(batch: AuditEntry, query: str, params: Sequence[Any] = ()) -> int:
    """Like `audit_rows`, for rows the database already holds: QUERY selects each row's
    SELECTED_COLUMNS (changes and data as the JSON columns store them). Returns the number
    of rows written. An action that `Event` does not name refuses them all."""
    _not_deferred("audit_rows_select")
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    shared = ("occurred_at", "actor_id", "batch_id", "reason")
    columns = ", ".join(connection.ops.quote_name(c) for c in (*shared, *SELECTED_COLUMNS))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT %s, %s, %s, '', q.* FROM ({query}) q",
            [batch.occurred_at, batch.actor_id, batch.pk, *params],
        )
        written = int(cursor.rowcount)
        unknown = batch.rows.exclude(action__in=_KNOWN).values("action").first()
        if unknown is not None:
            _known(unknown["action"])
    return written


class Reverted(Protocol):
    """What a revert handler returns: the object put back, to show its page."""

    def get_absolute_url(self) -> str: ...


# Revert handlers by action code, registered by the app that owns the change at start-up
# (its AppConfig.ready), so the audit trail needs no app above it.
Reverter = Callable[..., Reverted]
_reverters: dict[str, Reverter] = {}


def reverter_register(action: str, reverter: Reverter) -> None:
    """REVERTER(actor=, entry=, today=) undoes entries of ACTION and returns the object."""
    _reverters[action] = reverter


def revertible(entry: AuditEntry) -> bool:
    return entry.action in _reverters


def audit_revert(*, actor: Actor, entry: AuditEntry, today: dt.date) -> Reverted:
    """Hoàn tác ENTRY through its kind's handler; a kind without one is refused."""
    reverter = _reverters.get(entry.action)
    if reverter is None:
        raise ValidationError(_("Không hoàn tác được loại thay đổi này."))
    return reverter(actor=actor, entry=entry, today=today)
