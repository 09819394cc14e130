"""An uploaded batch's file: read under the limits of the settings, and deleted once no step
needs it.

A member list holds names, birth dates and CCCD numbers, so it is kept only while its batch
may still be checked or committed: a batch that is committed or undone loses it at once (undo
reads the audit trail, not the file; `states.batch_move`, the one way a batch changes state,
sees to it), and one left unfinished loses it after `settings.IMPORT_FILE_RETENTION_DAYS`
(`dangvu purge_uploads`).
"""

import contextlib
import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import IO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q

from dangvu.imports.limits import MB, ReadLimits
from dangvu.imports.models import ImportBatch

FINAL = (ImportBatch.State.COMMITTED, ImportBatch.State.UNDONE)
_NAME_BYTES = 120  # of the local copy's name: well under any file system's 255


def read_limits() -> ReadLimits:
    """The limits of the settings (IMPORT_*), for every reading of an import file."""
    return ReadLimits(
        max_bytes=settings.IMPORT_MAX_UPLOAD_MB * MB,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_columns=settings.IMPORT_MAX_COLUMNS,
        max_cells=settings.IMPORT_MAX_CELLS,
        max_uncompressed=settings.IMPORT_MAX_UNPACKED_MB * MB,
        max_ratio=settings.IMPORT_MAX_ZIP_RATIO,
        memory=settings.IMPORT_READER_MEMORY_MB * MB,
        cpu_seconds=settings.IMPORT_READER_SECONDS,
    )


def _local_name(name: str) -> str:
    """NAME short enough in bytes for a file name (255 characters of Vietnamese are up to
    765 bytes): the reader goes by its suffix, and a CSV's sheet is its stem."""
    path = PurePath(PurePath(name).name or "tep")
    stem = path.stem.encode()[:_NAME_BYTES].decode(errors="ignore") or "tep"
    return stem + path.suffix[:16]


@contextmanager
def _local_copy(name: str, source: IO[bytes] | None) -> Iterator[Path]:
    """SOURCE copied to a temporary file named NAME (the reader goes by its suffix, a CSV's
    sheet is its stem); no source gives a path to nothing."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / _local_name(name)
        if source is not None:
            with path.open("wb") as target:
                shutil.copyfileobj(source, target, 1 << 20)
        yield path


@contextmanager
def uploaded_file(batch: ImportBatch) -> Iterator[Path]:
    """The batch's stored file as a local path with the user's name (the reader goes by it).
    A file deleted already gives a path to nothing, which the reader reports as not found."""
    if not batch.file:
        with _local_copy(batch.file_name, None) as path:
            yield path
        return
    with batch.file.open("rb") as source, _local_copy(batch.file_name, source) as path:
        yield path


@contextmanager
def upload_copy(file: UploadedFile) -> Iterator[Path]:
    """An upload read at once, not kept as a batch's file, as a local path with its name."""
    file.seek(0)
    with _local_copy(file.name or "", file) as path:
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
