"""Background work of imports (django-tasks; the database worker runs it), each task within
a time and a memory limit.

The limits are taken inside the worker's own process rather than in a child per task: the
one part that can blow up whatever the code does, calamine, already runs in a child of its
own (`workbook.py`), and the rest is this code's loops, which are bounded (rows, listed
problems) and check the time limit as they read each row. A child per task would need its
own database connection and could not see a test's transaction. What the limits stop is
reported: the batch is FAILED with the reason, the task fails, and the worker goes on to
the next one.
"""

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django_tasks import task

from dangvu.imports.limits import MB, TimeLimitExceeded, memory_limit, time_limit
from dangvu.imports.members import batch_check, batch_commit
from dangvu.imports.models import ImportBatch
from dangvu.imports.organizations import org_batch_check, org_batch_commit
from dangvu.imports.reconcile_work import reconcile_apply, reconcile_check
from dangvu.imports.working import CRASHED, OUT_OF_MEMORY, claim, fail, fail_stale
from dangvu.organizations.access import User

Step = Callable[..., object]


def _run(
    step: Step, batch_id: int, user_id: int, today: str, waiting: str, **extra: object
) -> None:
    """Run STEP on the batch if it is still WAITING for it, within the limits; if it fails,
    fail the batch with the reason and let the task fail too (the worker logs it)."""
    fail_stale()
    if not claim(batch_id, waiting):
        return
    user: User = get_user_model().objects.get(pk=user_id)
    try:
        with (
            time_limit(settings.IMPORT_TASK_SECONDS),
            memory_limit(settings.IMPORT_TASK_MEMORY_MB * MB),
        ):
            step(batch_id, user=user, today=dt.date.fromisoformat(today), **extra)
    except TimeLimitExceeded as error:
        fail(batch_id, str(error))
        raise
    except MemoryError:
        fail(batch_id, OUT_OF_MEMORY)
        raise
    except Exception:
        fail(batch_id, CRASHED)
        raise


@task()
def check_upload(batch_id: int, user_id: int, today: str) -> None:
    """Check an uploaded member list (IDs and an ISO date: task arguments are JSON)."""
    _run(batch_check, batch_id, user_id, today, ImportBatch.State.UPLOADED)


@task()
def commit_upload(batch_id: int, user_id: int, today: str) -> None:
    """Write a checked member list: all rows, or none."""
    _run(batch_commit, batch_id, user_id, today, ImportBatch.State.COMMITTING)


@task()
def check_organization_upload(batch_id: int, user_id: int, today: str) -> None:
    """Check an uploaded organization list."""
    _run(org_batch_check, batch_id, user_id, today, ImportBatch.State.UPLOADED)


@task()
def commit_organization_upload(batch_id: int, user_id: int, today: str) -> None:
    """Write a checked organization list: all rows, or none."""
    _run(org_batch_commit, batch_id, user_id, today, ImportBatch.State.COMMITTING)


@task()
def check_reconciliation(batch_id: int, user_id: int, today: str) -> None:
    """Compare an uploaded export of the national database with the registry."""
    _run(reconcile_check, batch_id, user_id, today, ImportBatch.State.UPLOADED)


@task()
def apply_reconciliation(batch_id: int, user_id: int, today: str, chosen: list[str] | None) -> None:
    """Apply the chosen differences of a reconciliation ("member id:field"; None for all)."""
    _run(reconcile_apply, batch_id, user_id, today, ImportBatch.State.COMMITTING, chosen=chosen)
