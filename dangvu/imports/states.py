"""The one state machine of an import batch. Every change of `ImportBatch.state` goes
through `batch_move`, which refuses a step this table does not allow from the batch's
state: a committed batch is never checked, remapped or committed again, so the undo of
its one commit is never lost."""

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.imports.files import FINAL, batch_file_discard
from dangvu.imports.models import ImportBatch

State = ImportBatch.State


class Step(models.TextChoices):
    """What moves a batch, as the refusal names it."""

    CHECK = "check", gettext_lazy("kiểm tra tệp")
    RECORD_CHECK = "record_check", gettext_lazy("ghi kết quả kiểm tra")
    REMAP = "remap", gettext_lazy("ghép lại cột")
    QUEUE_COMMIT = "queue_commit", gettext_lazy("đưa vào hàng chờ ghi")
    COMMIT = "commit", gettext_lazy("ghi vào hệ thống")
    UNDO = "undo", gettext_lazy("hoàn tác")
    FAIL = "fail", gettext_lazy("ghi nhận lỗi xử lý")


# Step → the states it may start from, and the state it leads to. The import pages check in
# the background (UPLOADED → CHECKING → CHECKED) and commit there too (CHECKED → COMMITTING →
# COMMITTED); the CLI does both at once. A check that finds the data changed, or a commit
# refused, leaves the batch CHECKED. Background work that dies, or is left behind by a dead
# worker, FAILS the batch (`working.py`); a failed batch may be mapped and checked again.
TRANSITIONS: dict[Step, tuple[frozenset[str], str]] = {
    Step.CHECK: (frozenset({State.UPLOADED}), State.CHECKING),
    Step.RECORD_CHECK: (
        frozenset({State.UPLOADED, State.CHECKING, State.CHECKED, State.COMMITTING}),
        State.CHECKED,
    ),
    Step.REMAP: (frozenset({State.CHECKED, State.FAILED}), State.UPLOADED),
    Step.QUEUE_COMMIT: (frozenset({State.CHECKED}), State.COMMITTING),
    Step.COMMIT: (frozenset({State.CHECKED, State.COMMITTING}), State.COMMITTED),
    Step.UNDO: (frozenset({State.COMMITTED}), State.UNDONE),
    Step.FAIL: (frozenset({State.UPLOADED, State.CHECKING, State.COMMITTING}), State.FAILED),
}


class BatchStateError(ValidationError):
    """A step the batch's state does not allow."""


def batch_allows(batch: ImportBatch, *steps: Step) -> bool:
    """Whether one of STEPS may start from BATCH's state as loaded."""
    return any(batch.state in TRANSITIONS[step][0] for step in steps)


def batch_require(batch: ImportBatch, *steps: Step) -> None:
    """Refuse unless one of STEPS may start from BATCH's state as loaded (the refusal
    names the last)."""
    if not batch_allows(batch, *steps):
        raise _refusal(batch, steps[-1], batch.state)


def _refusal(batch: ImportBatch, step: Step, state: str | None) -> BatchStateError:
    return BatchStateError(
        _("Lần nhập “%(file)s” đang ở trạng thái “%(state)s”, không thể %(step)s.")
        % {
            "file": batch.file_name,
            "state": State(state).label if state else _("đã xóa"),
            "step": step.label,
        }
    )


def batch_move(batch: ImportBatch, step: Step, **fields: Any) -> None:
    """Take STEP: move BATCH to the state it leads to, saving FIELDS with it, in one UPDATE
    that holds only if the state in the database still allows the step (so two requests
    cannot both commit). Raises BatchStateError otherwise. A batch committed or undone
    loses its file once the transaction commits."""
    sources, target = TRANSITIONS[step]
    moved = ImportBatch.objects.filter(pk=batch.pk, state__in=sources).update(
        state=target, **fields
    )
    if not moved:
        current = ImportBatch.objects.filter(pk=batch.pk).values_list("state", flat=True).first()
        raise _refusal(batch, step, current)
    batch.state = target
    for name, value in fields.items():
        setattr(batch, name, value)
    if target in FINAL:
        # The file holds personal data and no later step reads it; a step rolled back keeps it.
        transaction.on_commit(partial(batch_file_discard, batch.pk))


def batches_move(batches: models.QuerySet[ImportBatch], step: Step, **fields: Any) -> int:
    """Take STEP for each of BATCHES whose state allows it, in one UPDATE (the others are left
    as they are). Returns how many moved. For steps that end no batch (no file to delete)."""
    sources, target = TRANSITIONS[step]
    assert target not in FINAL
    return batches.filter(state__in=sources).update(state=target, **fields)
