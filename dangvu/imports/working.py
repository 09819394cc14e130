"""Batches at work in the background: started, alive, or failed with a reason.

A batch is never left "in progress" after its task died: a task that fails marks its batch
FAILED with the Vietnamese reason (`fail`), and a batch with no sign of its task for
IMPORT_STALE_MINUTES (the worker was killed or restarted mid-task) is failed by the next
look at it, a page or a task (`fail_stale`). Nothing is written by a failed batch: checks
write nothing, and a commit is one transaction. The state changes are the state machine's
(`states.py`); the work marks its progress in `working_since`.
"""

import contextlib
import datetime as dt

from django.conf import settings
from django.db.models import Q

from dangvu.common import clock
from dangvu.imports.models import ImportBatch
from dangvu.imports.states import TRANSITIONS, BatchStateError, Step, batch_move, batches_move

# In progress: the states background work holds a batch in, which a dead task leaves it in.
WORKING = TRANSITIONS[Step.FAIL][0]

STALE = "Tác vụ nền đã dừng giữa chừng (máy chủ khởi động lại hoặc hết tài nguyên); chưa ghi gì."
CRASHED = "Lỗi hệ thống khi xử lý tệp; chưa ghi gì. Hãy thử lại hoặc báo quản trị hệ thống."
OUT_OF_MEMORY = "Tệp cần quá nhiều bộ nhớ để xử lý; chưa ghi gì. Hãy chia nhỏ tệp rồi nhập lại."


def started() -> dict[str, object]:
    """The fields a step that starts background work saves with its state."""
    return {"working_since": clock.now(), "failure": ""}


def claim(batch_id: int, state: str) -> bool:
    """Whether the batch is still waiting in STATE for its task: one failed meanwhile (or
    taken by another task) is left as it is."""
    return ImportBatch.objects.filter(pk=batch_id, state=state).exists()


def alive(batch_id: int, **fields: object) -> None:
    """Record the task's progress (FIELDS), which also shows it is still at work."""
    ImportBatch.objects.filter(pk=batch_id).update(working_since=clock.now(), **fields)


def fail(batch_id: int, reason: str) -> None:
    """Mark the batch FAILED with REASON, unless its work had ended."""
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is not None:
        with contextlib.suppress(BatchStateError):
            batch_move(batch, Step.FAIL, failure=reason[:500], working_since=None)


def fail_stale(now: dt.datetime | None = None) -> int:
    """Fail every batch in progress with no sign of its task for IMPORT_STALE_MINUTES.
    Returns how many."""
    now = now or clock.now()
    cutoff = now - dt.timedelta(minutes=settings.IMPORT_STALE_MINUTES)
    stale = ImportBatch.objects.filter(Q(working_since__lt=cutoff) | Q(working_since__isnull=True))
    return batches_move(stale, Step.FAIL, failure=STALE, working_since=None)
