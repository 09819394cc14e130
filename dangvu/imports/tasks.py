"""Background work of imports (django-tasks; the database worker runs it)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django_tasks import task

from dangvu.imports.members import batch_check, batch_commit


@task()
def check_upload(batch_id: int, user_id: int, today: str) -> None:
    """Check an uploaded spreadsheet (IDs and an ISO date: task arguments are JSON)."""
    user = get_user_model().objects.get(pk=user_id)
    batch_check(batch_id, user=user, today=dt.date.fromisoformat(today))


@task()
def commit_upload(batch_id: int, user_id: int, today: str) -> None:
    """Write a checked upload: all rows, or none."""
    user = get_user_model().objects.get(pk=user_id)
    batch_commit(batch_id, user=user, today=dt.date.fromisoformat(today))
