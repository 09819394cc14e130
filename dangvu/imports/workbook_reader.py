"""The process that reads one workbook (XLSX, XLSM, XLSB, XLS, ODS) or one table of a Word
document (DOCX) for the import:
`python -m dangvu.imports.workbook_reader PATH LIMITS [SHEET]`.

calamine is native code: a file it cannot hold makes it abort the whole process, web server
or worker. So it runs here, in a child that limits itself (address space, processor time,
no core file) before touching the file, measures the sheet first (`prescan`), and streams
the rows to its parent as JSON lines:

    {"sheet": name, "total": last row, "sheets": visible worksheets}
    then lines of rows [[cell, …], …]
    {"end": rows sent}                     or                     {"error": one Vietnamese line}

Dates and times travel as {"d"|"dt"|"t"|"td": ISO text or seconds}. If the process dies
(out of memory, out of time), the parent says so (`workbook.py`). Pure Python, no Django.
"""

import datetime as dt
import io
import json
import resource
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import python_calamine as calamine

from dangvu.imports.docx_tables import SUFFIX as DOCX
from dangvu.imports.docx_tables import docx_sheets
from dangvu.imports.limits import CELL_CHARS, ReadLimits
from dangvu.imports.prescan import (
    Extent,
    check_package,
    scan_ods,
    scan_xlsx_sheet,
    xlsx_sheet_parts,
)
from dangvu.imports.unreadable import PREFIX, UnreadableFile, corrupt, too_much_memory

PASSWORD = PREFIX + "tệp được đặt mật khẩu; hãy gỡ mật khẩu trong Excel rồi tải lên lại."
_CHUNK_CELLS = 2048


def _confine(limits: ReadLimits) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # It writes nothing but its output, and its error output to a temporary file.
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))


def _load(path: Path, suffix: str) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_path(path)
    except calamine.PasswordError as exc:
        raise UnreadableFile(PASSWORD) from exc
    except Exception as first:  # calamine raises assorted errors for damaged files
        # calamine trusts the extension; offices often rename XLSX to .xls and the like,
        # so try again letting calamine recognise the content.
        try:
            with path.open("rb") as stream:
                return calamine.CalamineWorkbook.from_filelike(stream)
        except calamine.PasswordError as exc:
            raise UnreadableFile(PASSWORD) from exc
        except Exception:
            raise UnreadableFile(corrupt(suffix)) from first


def _visible_sheets(workbook: calamine.CalamineWorkbook) -> list[str]:
    """The visible worksheets, in the workbook's order (at least its first sheet)."""
    names = [
        str(meta.name)
        for meta in workbook.sheets_metadata
        if meta.typ == calamine.SheetTypeEnum.WorkSheet
        and meta.visible == calamine.SheetVisibleEnum.Visible
    ]
    return names or [str(workbook.sheet_names[0])]


def open_sheet(
    path: Path, sheet: str | None, limits: ReadLimits
) -> tuple[str, Iterator[list[object]], int, list[str]]:
    """The sheet to read (SHEET, or the first visible worksheet): its name, its rows from row
    1 and column 1, the number of its last row and the names of the visible worksheets.
    Refuses a sheet over LIMITS."""
    suffix = path.suffix.lower()
    if suffix == DOCX:
        return _open_docx(path, sheet, limits)
    archive = _package(path, suffix, limits)
    try:
        return _open_sheet(path, suffix, archive, sheet, limits)
    finally:
        if archive is not None:
            archive.close()


def _open_sheet(
    path: Path, suffix: str, archive: zipfile.ZipFile | None, sheet: str | None, limits: ReadLimits
) -> tuple[str, Iterator[list[object]], int, list[str]]:
    if archive is not None and "content.xml" in archive.namelist():
        scan_ods(archive, limits, suffix)  # calamine reads every table on opening
    workbook = _load(path, suffix)
    try:
        names = list(workbook.sheet_names)
        if not names:
            raise UnreadableFile(PREFIX + "tệp không có trang tính nào.")
        if sheet is not None and sheet not in names:
            listed = ", ".join(f"“{name}”" for name in names)
            raise UnreadableFile(PREFIX + f"không có trang tính “{sheet}” (các trang: {listed}).")
        visible = _visible_sheets(workbook)
        name = sheet if sheet is not None else visible[0]
        if archive is not None and "xl/workbook.xml" in archive.namelist():
            part = xlsx_sheet_parts(archive, suffix).get(name)
            if part is None:
                raise UnreadableFile(corrupt(suffix))
            scan_xlsx_sheet(archive, part, Extent(name, limits), suffix)
        try:
            data = workbook.get_sheet_by_name(name)
        except calamine.PasswordError as exc:
            raise UnreadableFile(PASSWORD) from exc
        except Exception as exc:
            raise UnreadableFile(corrupt(suffix)) from exc
    finally:
        workbook.close()  # the sheet keeps its own copy of the cells
    if data.start is None or data.end is None:
        raise UnreadableFile(PREFIX + f"trang tính “{data.name}” không có dữ liệu.")
    # XLS and XLSB are measured only now, once calamine holds them.
    Extent(name, limits).add(data.end[0] + 1, data.end[1] + 1)
    # calamine yields rows from row 1 but starts each row at the first used column.
    rows = _cells(cast(Iterator[list[object]], data.iter_rows()), data.start[1])
    return data.name, rows, data.end[0] + 1, visible


def _open_docx(
    path: Path, sheet: str | None, limits: ReadLimits
) -> tuple[str, Iterator[list[object]], int, list[str]]:
    """A Word document's table (`docx_tables`): parsed here, under the same limits, since
    a document's XML is held whole while it is read."""
    tables = dict(docx_sheets(path, limits))
    names = list(tables)
    name = names[0] if sheet is None else sheet
    if name not in tables:
        raise UnreadableFile(PREFIX + f"không có “{name}” trong văn bản.")
    return name, iter(tables[name]), len(tables[name]), names


def _package(path: Path, suffix: str, limits: ReadLimits) -> zipfile.ZipFile | None:
    """The zip package of an XLSX, XLSM, XLSB or ODS (whatever its name says), checked;
    None for anything else (XLS)."""
    if not zipfile.is_zipfile(path):
        return None
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UnreadableFile(corrupt(suffix)) from error
    check_package(archive, limits)
    return archive


def _cells(rows: Iterator[list[object]], missing: int) -> Iterator[list[object]]:
    """Rows padded to start at column A (calamine starts them at the first used column)."""
    if missing <= 0:
        return rows
    pad: list[object] = [""] * missing
    return (pad + row for row in rows)


_DATES: dict[type, Callable[[Any], dict[str, Any]]] = {
    dt.datetime: lambda value: {"dt": value.isoformat()},
    dt.date: lambda value: {"d": value.isoformat()},
    dt.time: lambda value: {"t": value.isoformat()},
    dt.timedelta: lambda value: {"td": value.total_seconds()},
}


def _encode(value: object) -> dict[str, Any]:
    return _DATES[type(value)](value)


def _row_json(row: list[object]) -> str:
    """ROW as JSON, its text cut at CELL_CHARS (looked for only in a row long enough to
    hold such a cell, so the usual row is encoded once and never walked cell by cell)."""
    line = _dumps(row)
    if len(line) <= CELL_CHARS:
        return line
    cut = [v[:CELL_CHARS] if isinstance(v, str) and len(v) > CELL_CHARS else v for v in row]
    return _dumps(cut)


_ENCODER = json.JSONEncoder(default=_encode, ensure_ascii=False)  # one, reused for each row
_dumps = _ENCODER.encode


def stream(path: Path, sheet: str | None, limits: ReadLimits, out: io.TextIOBase) -> None:
    """Send the sheet's rows to OUT, or the reason it cannot be read. A line holds about
    _CHUNK_CELLS cells: at most CELL_CHARS each, so a line stays within what the parent
    accepts, and the parent holds a few hundred rows at a time."""
    try:
        name, rows, total, sheets = open_sheet(path, sheet, limits)
        out.write(_dumps({"sheet": name, "total": total, "sheets": sheets}) + "\n")
        out.flush()
        chunk: list[str] = []
        cells = sent = 0
        for row in rows:
            chunk.append(_row_json(row))
            cells += len(row) or 1
            if cells >= _CHUNK_CELLS:
                out.write("[" + ",".join(chunk) + "]\n")
                sent, chunk, cells = sent + len(chunk), [], 0
        if chunk:
            out.write("[" + ",".join(chunk) + "]\n")
        out.write(_dumps({"end": sent + len(chunk)}) + "\n")
    except UnreadableFile as error:
        out.write(_dumps({"error": str(error)}) + "\n")
    except MemoryError:
        out.write(_dumps({"error": too_much_memory(limits)}) + "\n")
    out.flush()


def main(argv: list[str]) -> None:
    limits = ReadLimits(**json.loads(argv[2]))
    _confine(limits)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", write_through=False)
    stream(Path(argv[1]), argv[3] if len(argv) > 3 else None, limits, out)


if __name__ == "__main__":
    main(sys.argv)
