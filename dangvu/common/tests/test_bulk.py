import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from dangvu.common.bulk import insert_rows, update_rows
from dangvu.common.events import Event
from dangvu.common.models import AdministrativeUnit, AuditEntry

pytestmark = pytest.mark.django_db


def _entry(number: int) -> AuditEntry:
    return AuditEntry.objects.create(
        occurred_at=dt.datetime(2025, 1, number, tzinfo=dt.UTC),
        action=Event.EVALUATION_RATED,
        object_type="evaluation.rating",
        object_id=number,
        object_repr=f"row {number}",
        reason="kept",
    )


def test_update_rows_writes_the_named_columns_of_every_row_in_one_statement() -> None:
    entries = [_entry(n) for n in (1, 2, 3)]
    for entry in entries:
        entry.object_repr = f"Nguyễn Văn {entry.object_id}"
        entry.data = {"stage": "DECISION", "n": entry.object_id}
        entry.occurred_at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
        entry.reason = "not written: not named"

    with CaptureQueriesContext(connection) as queries:
        update_rows(AuditEntry, ["object_repr", "data", "occurred_at"], entries[:2])

    assert len(queries.captured_queries) == 1
    stored = {e.object_id: e for e in AuditEntry.objects.all()}
    assert [stored[n].object_repr for n in (1, 2, 3)] == ["Nguyễn Văn 1", "Nguyễn Văn 2", "row 3"]
    assert stored[2].data == {"stage": "DECISION", "n": 2}
    assert stored[1].occurred_at == dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    assert {e.reason for e in stored.values()} == {"kept"}


def test_update_rows_without_rows_sends_nothing() -> None:
    with CaptureQueriesContext(connection) as queries:
        update_rows(AuditEntry, ["object_repr"], [])

    assert queries.captured_queries == []


def test_insert_rows_refused_by_a_constraint_raises_djangos_integrity_error() -> None:
    """Callers catch `IntegrityError` to answer "someone recorded it meanwhile": COPY's
    own error on PostgreSQL must reach them as Django's, and nothing of the rows stays."""
    unit = {"scheme": "2025", "level": "PROVINCE", "code": "X01", "name": "Tỉnh thử"}
    with transaction.atomic():
        insert_rows(AdministrativeUnit, [unit])

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(AdministrativeUnit, [unit | {"code": "X02"}, unit])

    made = AdministrativeUnit.objects.filter(code__startswith="X")
    assert list(made.values_list("code", flat=True)) == ["X01"]
