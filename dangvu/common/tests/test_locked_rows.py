import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.common.events import Event
from dangvu.common.locked_rows import remember_columns, save_changed
from dangvu.common.models import AuditEntry

pytestmark = pytest.mark.django_db


def _entry() -> AuditEntry:
    return AuditEntry.objects.create(
        occurred_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        action=Event.EVALUATION_RATED,
        object_type="evaluation.rating",
        object_id=1,
        object_repr="row 1",
        reason="as read",
    )


def test_save_changed_writes_only_the_columns_changed_since_the_read() -> None:
    entry = remember_columns(AuditEntry.objects.get(pk=_entry().pk))
    # Written behind the instance's back: a full save would put "as read" back.
    AuditEntry.objects.filter(pk=entry.pk).update(reason="untouched")
    entry.object_repr = "Nguyễn Văn A"

    with CaptureQueriesContext(connection) as queries:
        save_changed(entry, "object_id")

    (update,) = [q["sql"] for q in queries.captured_queries]
    assert '"object_repr"' in update and '"object_id"' in update and '"reason"' not in update
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.object_repr, stored.reason) == ("Nguyễn Văn A", "untouched")


def test_save_changed_saves_every_column_of_a_row_not_remembered() -> None:
    entry = AuditEntry.objects.get(pk=_entry().pk)
    AuditEntry.objects.filter(pk=entry.pk).update(reason="overwritten")

    save_changed(entry)

    assert AuditEntry.objects.get(pk=entry.pk).reason == "as read"
