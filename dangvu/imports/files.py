"""An uploaded batch's file, as the readers need it."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dangvu.imports.models import ImportBatch


@contextmanager
def uploaded_file(batch: ImportBatch) -> Iterator[Path]:
    """The batch's stored file as a local path with its own name (the reader goes by it)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / batch.file_name
        with batch.file.open("rb") as source:
            path.write_bytes(source.read())
        yield path
