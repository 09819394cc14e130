"""An uploaded batch's file: as the readers need it, and deleted once no step needs it.

A member list holds names, birth dates and CCCD numbers, so it is kept only while its batch
may still be checked or committed: a batch that is committed or undone loses it at once (undo
reads the audit trail, not the file; `states.batch_move`, the one way a batch changes state,
sees to it), and one left unfinished loses it after `settings.IMPORT_FILE_RETENTION_DAYS`
(`dangvu purge_uploads`).
"""

import contextlib
import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from dangvu.imports.models import ImportBatch

FINAL = (ImportBatch.State.COMMITTED, ImportBatch.State.UNDONE)


@contextmanager
def uploaded_file(batch: ImportBatch) -> Iterator[Path]:
    """The batch's stored file as a local path with its own name (the reader goes by it). A
    file deleted already gives a path to nothing, which the reader reports as not found."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / batch.file_name
        if batch.file:
            with batch.file.open("rb") as source:
                path.write_bytes(source.read())
        yield path


def batch_file_discard(batch_id: int) -> None:
    """Delete the stored file of batch BATCH_ID, and its name on the batch."""
    batch = ImportBatch.objects.filter(pk=batch_id).exclude(file="").first()
    if batch is None:
        return
    with contextlib.suppress(FileNotFoundError):
        batch.file.storage.delete(batch.file.name)
    ImportBatch.objects.filter(pk=batch_id).update(file="")


def batch_files_purge(*, now: dt.datetime) -> int:
    """Delete the files of batches committed or undone, and of batches left unfinished for
    longer than the retention period. Returns how many files went."""
    cutoff = now - dt.timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS)
    stale = ImportBatch.objects.exclude(file="").filter(
        Q(state__in=FINAL) | Q(created_at__lt=cutoff)
    )
    ids = list(stale.values_list("pk", flat=True))
    for batch_id in ids:
        batch_file_discard(batch_id)
    return len(ids)
