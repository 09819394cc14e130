"""Saving a row read under its lock: only the columns the caller changed are written.

A full `save()` sends every column (44 of a member's), each prepared and bound; a step of
a lifecycle changes two or three. The row is locked from the read to the write, so the
columns left out still hold what was read. A value is compared by equality: a dict
changed in place looks unchanged, so give the column a new one."""

from typing import Any, TypeVar

from django.db import models

# Where the columns as read are kept, on the instance's own state.
_AS_READ = "columns_as_read"

Row = TypeVar("Row", bound=models.Model)


def _columns(instance: models.Model) -> dict[str, Any]:
    values = vars(instance)
    return {f.attname: values.get(f.attname) for f in instance._meta.concrete_fields}


def remember_columns(instance: Row) -> Row:
    """Keep INSTANCE's columns as just read (under its lock), for `save_changed`."""
    setattr(instance._state, _AS_READ, _columns(instance))
    return instance


def save_changed(instance: models.Model, *always: str) -> None:
    """Save INSTANCE's columns changed since `remember_columns`, with ALWAYS (a version, a
    time Django fills on each save: `auto_now`); all of them when none were kept."""
    as_read: dict[str, Any] | None = getattr(instance._state, _AS_READ, None)
    if as_read is None:
        instance.save()
        return
    now = _columns(instance)
    changed = [name for name, value in now.items() if value != as_read[name]]
    instance.save(update_fields=sorted({*changed, *always}))
    remember_columns(instance)
