"""How much a spreadsheet may ask of the server, and the time a background import may take.

Pure Python (no Django): the reader's child process imports it. The defaults are the
documented ones; `imports.files.read_limits` builds the limits from the settings.

A committee's list is a few thousand rows and the national-scale import 100,000, so the
defaults leave room above that and refuse what no office sends: a sheet reaching row
1,048,576 or column XFD, a zip that inflates a thousandfold.
"""

from __future__ import annotations

import contextvars
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

MB = 1 << 20
# Text cells are cut here as they are read: no field of ours is longer than 255 characters,
# so a cut value is still reported as too long, and a row's memory stays bounded.
CELL_CHARS = 1000


@dataclass(frozen=True)
class ReadLimits:
    """Limits on one file: over any of them the file is refused with one Vietnamese line."""

    max_bytes: int = 50 * MB  # the file itself, as uploaded
    max_rows: int = 200_000  # the last row holding data
    max_columns: int = 200  # the last column holding data
    # Rows × columns of the area holding data: calamine builds that rectangle, 32 bytes a
    # cell, and a text cell costs about 140 bytes in all (measured: 1.8 million cells of
    # 40 characters, 256 MB), so the largest area fits the reader's memory below.
    max_cells: int = 4_000_000
    max_uncompressed: int = 500 * MB  # XLSX/XLSB/ODS: the package's parts, unpacked
    max_ratio: int = 100  # … and how much one part may inflate (above 1 MB unpacked)
    memory: int = 1536 * MB  # address space of the process that reads a workbook
    cpu_seconds: int = 120  # its processor time

    def as_json(self) -> dict[str, int]:
        return asdict(self)


class TimeLimitExceeded(Exception):
    """The background work ran past its time limit; the message is Vietnamese."""


_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "import_deadline", default=None
)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Within this block, `check_deadline` raises once SECONDS have passed. The import's
    loops call it (every row read, every organization written): a thread cannot be
    interrupted from outside, and a row loop is where an import spends its time."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_deadline() -> None:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TimeLimitExceeded("Quá thời gian xử lý cho phép; hãy chia nhỏ tệp rồi nhập lại.")


@contextmanager
def memory_limit(extra: int) -> Iterator[None]:
    """Within this block the process may grow by EXTRA bytes of address space: an allocation
    beyond fails (MemoryError) and ends the work, instead of the kernel killing the whole
    worker. 0 means no limit; so does a system without /proc (the limit is relative to the
    process's current size)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0]) if extra > 0 else 0
    except (OSError, ValueError):
        pages = 0
    if not pages:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = pages * resource.getpagesize() + extra
    for bound in (soft, hard):
        if bound != resource.RLIM_INFINITY:
            limit = min(limit, bound)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
