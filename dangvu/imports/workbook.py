"""A workbook's rows, read in a child process (`workbook_reader`) so that a file calamine
cannot hold ends that process, never the web server, the worker or the CLI that asked.

The child limits its own memory and processor time; this side waits for it with a
timeout, turns its death into one Vietnamese line (out of memory, out of time, damaged
file) and stops it as soon as the rows are no longer wanted. Pure Python (no Django).
"""

import datetime as dt
import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dangvu.imports.limits import ReadLimits
from dangvu.imports.unreadable import UnreadableFile, corrupt, too_much_memory, too_slow

logger = logging.getLogger(__name__)
# A line is about 2,048 cells of at most 1,000 characters (6 bytes each as JSON at worst).
_MAX_LINE = 16 << 20
_DECODERS: dict[str, Callable[[Any], object]] = {
    "d": dt.date.fromisoformat,
    "dt": dt.datetime.fromisoformat,
    "t": dt.time.fromisoformat,
    "td": lambda seconds: dt.timedelta(seconds=seconds),
}


def open_workbook(
    path: Path, sheet: str | None, limits: ReadLimits
) -> tuple[str, Iterator[list[object]], int, list[str]]:
    """The sheet's name, its rows from row 1 and column 1, the number of its last row and
    the names of the workbook's visible worksheets. Raises `UnreadableFile`; the rows may
    raise it too, if the reader dies halfway."""
    child = _Child(path, sheet, limits)
    try:
        first = child.message()
        if not isinstance(first, dict) or "sheet" not in first:
            raise UnreadableFile(corrupt(child.suffix))
    except BaseException:
        child.close()
        raise
    rows = child.rows()
    # Rows never started never reach their own `finally`: stop the child with them anyway.
    weakref.finalize(rows, child.close)
    sheets = [str(name) for name in first.get("sheets", [first["sheet"]])]
    return str(first["sheet"]), rows, int(first["total"]), sheets


def _decode(value: dict[str, Any]) -> Any:
    if len(value) == 1:
        [(key, item)] = value.items()
        if key in _DECODERS:
            return _DECODERS[key](item)
    return value


class _Child:
    def __init__(self, path: Path, sheet: str | None, limits: ReadLimits) -> None:
        self.limits, self.suffix = limits, path.suffix.lower()
        command = [sys.executable, "-m", "dangvu.imports.workbook_reader", str(path)]
        command.append(json.dumps(limits.as_json()))
        if sheet is not None:
            command.append(sheet)
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - open while the child lives
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env={**os.environ, "RUST_BACKTRACE": "0"},
        )
        assert self.process.stdout is not None
        self.output = self.process.stdout.fileno()
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.output, selectors.EVENT_READ)
        self.buffer = bytearray()

    def message(self) -> Any:
        """The child's next message; its error, or the reason it died, as UnreadableFile."""
        line = self._line()
        if line is None:
            raise UnreadableFile(self._death())
        try:
            data = json.loads(line, object_hook=_decode)
        except ValueError as error:
            raise UnreadableFile(corrupt(self.suffix)) from error
        if isinstance(data, dict) and "error" in data:
            raise UnreadableFile(str(data["error"]))
        return data

    def rows(self) -> Iterator[list[object]]:
        finished = False
        try:
            while True:
                data = self.message()
                if isinstance(data, list):
                    yield from data
                elif isinstance(data, dict) and "end" in data:
                    finished = True
                    return
                else:
                    raise UnreadableFile(corrupt(self.suffix))
        finally:
            self.close(finished)

    def _line(self) -> bytes | None:
        """The next line of output (None at its end), waiting at most the child's processor
        time and as much again: a child that neither writes nor dies is stopped."""
        while (end := self.buffer.find(b"\n")) < 0:
            if len(self.buffer) > _MAX_LINE:
                self.close()
                raise UnreadableFile(corrupt(self.suffix))
            if not self.selector.select(timeout=2 * self.limits.cpu_seconds):
                self.close()
                raise UnreadableFile(too_slow(self.limits))
            data = os.read(self.output, 1 << 16)
            if not data:
                return None
            self.buffer += data
        line = bytes(self.buffer[:end])
        del self.buffer[: end + 1]
        return line

    def _death(self) -> str:
        """Why the child ended without a word: out of processor time, out of memory (calamine
        aborts when an allocation fails), or anything else, logged for the administrator."""
        code = self._stop(finished=True)
        self.stderr.seek(0, os.SEEK_END)
        self.stderr.seek(max(0, self.stderr.tell() - 4096))
        tail = self.stderr.read().decode("utf-8", "replace")
        self.stderr.close()
        if code == -signal.SIGXCPU:
            return too_slow(self.limits)
        if "memory allocation" in tail or "MemoryError" in tail:
            return too_much_memory(self.limits)
        logger.warning("workbook reader ended with %s: %s", code, tail[-1000:])
        return corrupt(self.suffix)

    def close(self, finished: bool = False) -> None:
        """Stop the child, unless it has said everything and ends by itself, and free its
        pipes."""
        self._stop(finished)
        self.stderr.close()

    def _stop(self, finished: bool) -> int:
        if self.process.poll() is None and not finished:
            self.process.kill()
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self.selector.close()
        if self.process.stdout is not None:
            self.process.stdout.close()
        return code
