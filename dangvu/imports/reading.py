"""Reading layer of the imports: spreadsheet/CSV rows, header detection, coercion.

Pure Python (no Django). Files are streamed: XLSX/XLSM/XLSB/XLS/ODS through python-calamine,
and a Word document's tables through python-docx (`docx_tables`), in a child process that
limits its memory and time (`workbook.py`), after measuring the sheet (`prescan.py`); CSV
through the `csv` module here. A 100,000-row file never becomes a list of rows. Every way
a file can be unreadable, too big or hostile ends in `UnreadableFile` carrying a one-line
Vietnamese reason for the office clerk; `ReadLimits` says how much a file may ask.

Coercion lives here, in one place: calamine gives whole numbers as float, dates as
date/datetime and text as str; CSV gives str.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dangvu.common.dates import Fact, date_problem  # the one date policy
from dangvu.common.numbers import grouped
from dangvu.common.spreadsheets import FORMULA_START
from dangvu.common.text import fold_words
from dangvu.imports.docx_tables import SUFFIX as DOCX
from dangvu.imports.layout import band_labels, sub_header
from dangvu.imports.limits import (
    CELL_CHARS,
    MB,
    ReadLimits,
    TimeLimitExceeded,
    check_deadline,
)
from dangvu.imports.unreadable import PREFIX, UnreadableFile
from dangvu.imports.workbook import open_workbook

__all__ = [
    "Cell",
    "ReadLimits",
    "UnreadableFile",
    "as_date",
    "as_date_within",
    "as_digits",
    "as_gender",
    "as_text",
    "find_header",
    "find_table",
    "open_rows",
]


@dataclass(frozen=True)
class Cell:
    row: int  # 1-based sheet row
    column: int  # 1-based column
    value: object


# --- opening ------------------------------------------------------------------------------

_WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
_DOCX_SUFFIXES = frozenset({DOCX})
_CSV_SUFFIXES = frozenset({".csv"})
_PREFIX = PREFIX
_NOT_A_SHEET = _PREFIX + "không phải bảng tính XLSX, XLS, ODS, CSV hay văn bản Word DOCX."
_EMPTY = _PREFIX + "tệp rỗng."
_PASSWORD = _PREFIX + "tệp được đặt mật khẩu; hãy gỡ mật khẩu trong Excel rồi tải lên lại."
_NOT_UTF8 = (
    _PREFIX + "tệp CSV không dùng mã UTF-8 (có thể là Windows-1258, TCVN3 hay VNI); "
    "hãy mở bằng Excel và lưu lại dạng “CSV UTF-8”."
)
_UTF16 = _PREFIX + "tệp CSV dùng mã UTF-16; hãy lưu lại dạng “CSV UTF-8”."
_BINARY = _PREFIX + "tệp .csv chứa dữ liệu nhị phân, không phải văn bản CSV."
_HTML = _PREFIX + "đây là trang HTML mang đuôi bảng tính; hãy mở bằng Excel rồi lưu lại dạng XLSX."
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: .xls, or an encrypted .xlsx/.ods
_CHUNK = 1 << 16
_SNIFF_LINES = 50
_DELIMITERS = (",", ";", "\t")


class Rows(Iterator[list[object]]):
    """A sheet's rows as they stream in, with TOTAL, the number of its last row (for a
    progress bar; trailing blank rows may count), and SHEETS, the names of the file's
    sheets (visible worksheets, a Word document's tables; a CSV's one)."""

    def __init__(self, rows: Iterator[list[object]], total: int, sheets: list[str]) -> None:
        self._rows, self.total, self.sheets = rows, total, sheets

    def __next__(self) -> list[object]:
        return next(self._rows)


def open_rows(
    path: Path, *, sheet: str | None = None, limits: ReadLimits | None = None
) -> tuple[str, Rows]:
    """Open PATH and return (sheet name, rows as lists of raw cell values).

    The iterator starts at sheet row 1 and column 1 (leading blank rows are yielded as
    rows, leading blank columns are padded with ""), so positions match what the clerk
    sees in Excel. Empty cells are ""; text is cut at CELL_CHARS. XLSX/XLSM/XLSB/XLS/ODS
    are read with calamine (the first visible worksheet unless SHEET names one); CSV must
    be UTF-8, with or without BOM, delimited by ",", ";" or tab. For CSV the sheet name is
    the file's stem. A Word document's (.docx) sheets are its tables (`docx_tables`).
    Raises `UnreadableFile` for anything else, and for a file over LIMITS (the defaults
    unless given); the rows raise it too when a CSV goes over them. The rows' `sheets`
    name every sheet of the file, to read the others by name.
    """
    path = Path(path)
    limits = limits or ReadLimits()
    try:
        if not path.is_file():
            raise UnreadableFile(_PREFIX + "không tìm thấy tệp.")
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(512)
    except OSError as exc:
        raise UnreadableFile(_PREFIX + "không mở được tệp.") from exc
    if size == 0:
        raise UnreadableFile(_EMPTY)
    if size > limits.max_bytes:
        raise UnreadableFile(too_big(size, limits))
    suffix = path.suffix.lower()
    if suffix not in _WORKBOOK_SUFFIXES | _CSV_SUFFIXES | _DOCX_SUFFIXES:
        raise UnreadableFile(_NOT_A_SHEET)
    if _looks_like_html(head):
        raise UnreadableFile(_HTML)
    if suffix in _CSV_SUFFIXES:
        rows, total = _open_csv(path, head, limits)
        return path.stem, Rows(_guarded(rows), total, [path.stem])
    if head.startswith(_CFB_MAGIC) and _is_encrypted_office(path):
        # Office wraps a password-protected XLSX/ODS/DOCX in an encrypted OLE2 container.
        raise UnreadableFile(_PASSWORD)
    name, rows, total, sheets = open_workbook(path, sheet, limits)
    return name, Rows(_guarded(rows), total, sheets)


def too_big(size: int, limits: ReadLimits) -> str:
    megabytes = grouped(-(-size // MB))
    return _PREFIX + f"tệp nặng {megabytes} MB, quá giới hạn {grouped(limits.max_bytes // MB)} MB."


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml"):
        return b"<html" in start
    return start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta"))


def _is_encrypted_office(path: Path) -> bool:
    """An OLE2 container holding an encrypted OOXML/ODF package (a password-protected file)."""
    try:
        with path.open("rb") as stream:
            start = stream.read(1 << 17)
    except OSError:
        return False
    return start.startswith(_CFB_MAGIC) and "EncryptedPackage".encode("utf-16-le") in start


def _guarded(rows: Iterator[list[object]]) -> Iterator[list[object]]:
    """Turn any failure while streaming into `UnreadableFile`, naming the row; stop at the
    time limit of the work reading it (`limits.time_limit`); stop the workbook's reader
    when the rows are no longer wanted."""
    number = 0
    try:
        for row in rows:
            number += 1
            check_deadline()
            yield row
    except (UnreadableFile, TimeLimitExceeded):
        raise
    except Exception as exc:
        raise UnreadableFile(_PREFIX + f"dữ liệu hỏng ở dòng {number + 1}.") from exc
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def _open_csv(path: Path, head: bytes, limits: ReadLimits) -> tuple[Iterator[list[object]], int]:
    """The rows of a CSV file, and how many lines it has."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(_UTF16)
    if b"\x00" in head:
        raise UnreadableFile(_BINARY)
    sample, lines = _check_utf8(path)
    if not sample.strip():
        raise UnreadableFile(_EMPTY)
    delimiter = _sniff_delimiter(sample)
    return _csv_rows(path, delimiter, limits), lines


def _check_utf8(path: Path) -> tuple[str, int]:
    """Validate the whole file as UTF-8 in constant memory; return the decoded start and
    the number of lines."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    sample_parts: list[str] = []
    sample_size = lines = 0
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                if b"\x00" in chunk:
                    raise UnreadableFile(_BINARY)
                lines += chunk.count(b"\n")
                text = decoder.decode(chunk)
                if sample_size < _CHUNK:
                    sample_parts.append(text)
                    sample_size += len(text)
            sample_parts.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_NOT_UTF8) from exc
    except OSError as exc:
        raise UnreadableFile(_PREFIX + "không mở được tệp.") from exc
    return "".join(sample_parts), lines + 1


def _sniff_delimiter(sample: str) -> str:
    """Pick among "," ";" and tab the delimiter giving the most rows of one width > 1."""
    lines = sample.splitlines()
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may cut the last line
    lines = [line for line in lines[:_SNIFF_LINES] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        counts: dict[int, int] = {}
        for width in widths:
            counts[width] = counts.get(width, 0) + 1
        # The most frequent width above 1 (title rows have width 1), then the widest.
        score = max(((count, width) for width, count in counts.items() if width > 1), default=None)
        if score is not None and score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(path: Path, delimiter: str, limits: ReadLimits) -> Iterator[list[object]]:
    """The rows, refused at the first one beyond the limits (a CSV is not measured first:
    its lines are not its rows, and it is read in constant memory anyway)."""
    with path.open("r", encoding="utf-8-sig", errors="strict", newline="") as stream:
        for number, row in enumerate(csv.reader(stream, delimiter=delimiter), start=1):
            if number > limits.max_rows:
                raise UnreadableFile(
                    _PREFIX + f"tệp CSV có hơn {grouped(limits.max_rows)} dòng, quá giới hạn; "
                    "hãy chia nhỏ tệp."
                )
            if len(row) > limits.max_columns:
                raise UnreadableFile(
                    _PREFIX + f"dòng {grouped(number)} của tệp CSV có {grouped(len(row))} cột, "
                    f"quá giới hạn {grouped(limits.max_columns)} cột."
                )
            yield [value[:CELL_CHARS] for value in row]


# --- header -------------------------------------------------------------------------------

_COLUMN_NUMBER = re.compile(r"^\(?\d{1,3}\)?$")


@dataclass
class Table:
    """A sheet's table: its header band's first row, the column names (a two-row header's
    parts joined, `layout.band_labels`), the data rows under the band as (row number,
    values), and the texts of the rows above the band (the title block)."""

    header_row: int
    labels: list[str]
    data: Iterator[tuple[int, list[object]]]
    titles: list[str]


def find_table(
    rows: Iterator[list[object]],
    *,
    known: Callable[[str], str | None],
    scan: int = 30,
    examples: str = "Họ và tên, Ngày sinh",
) -> Table:
    """Find the header among the first SCAN rows of ROWS (whose first item is sheet row 1).

    The header is the row where `known(label)` recognises the most distinct fields (at
    least 2; the earliest row wins a tie), since offices put title rows and merged cells
    above it. The row under it belongs to the header too when it names the sub-columns of
    merged headers ("Ngày vào Đảng" over "Dự bị" and "Chính thức", `layout.sub_header`).
    Data rows skip completely blank rows and a "(1) (2) (3)…" column-numbering row
    directly under the header. EXAMPLES names headers the reason shows when no header is
    found; a header with no data row under it is refused too (importing nothing is never
    what the user meant).
    """
    buffered: list[list[object]] = []
    best_row, best_count = 0, 1
    for number, row in zip(range(1, scan + 1), rows, strict=False):
        buffered.append(row)
        fields = {field for cell in row if (field := known(as_text(cell))) is not None}
        if len(fields) > best_count:
            best_row, best_count = number, len(fields)
    if best_row == 0:
        raise UnreadableFile(f"Không tìm thấy dòng tiêu đề ({examples}…) trong {scan} dòng đầu.")
    if best_row == len(buffered) and (following := next(rows, None)) is not None:
        buffered.append(following)
    top = buffered[best_row - 1]
    band = 1
    if best_row < len(buffered) and sub_header(top, buffered[best_row]):
        labels, band = band_labels(top, buffered[best_row]), 2
    else:
        labels = [as_text(cell) for cell in top]
    data = _data_rows(best_row + band - 1, buffered[best_row + band - 1 :], rows)
    first = next(data, None)
    if first is None:
        raise UnreadableFile(
            _PREFIX + f"tệp có dòng tiêu đề (dòng {best_row}) nhưng không có dòng dữ liệu nào."
        )
    titles = [" ".join(t for c in row if (t := as_text(c))) for row in buffered[: best_row - 1]]
    return Table(best_row, labels, itertools.chain([first], data), [t for t in titles if t])


def find_header(
    rows: Iterator[list[object]],
    *,
    known: Callable[[str], str | None],
    scan: int = 30,
    examples: str = "Họ và tên, Ngày sinh",
) -> tuple[int, list[str], Iterator[tuple[int, list[object]]]]:
    """`find_table`'s (header row number, labels, data rows), for the imports that read
    one table and no title."""
    table = find_table(rows, known=known, scan=scan, examples=examples)
    return table.header_row, table.labels, table.data


def _data_rows(
    header_row: int, buffered: list[list[object]], rows: Iterator[list[object]]
) -> Iterator[tuple[int, list[object]]]:
    first = True
    number = header_row
    for source in (buffered, rows):
        for row in source:
            number += 1
            if _is_blank(row):
                continue
            if first:
                first = False
                if _is_column_numbering(row):
                    continue
            yield number, row


def _is_blank(row: list[object]) -> bool:
    for value in row:
        if value is None or value == "":
            continue
        if isinstance(value, str) and not value.strip():
            continue
        return False
    return True


def _is_column_numbering(row: list[object]) -> bool:
    numbers: list[int] = []
    for value in row:
        text = as_text(value)
        if not text:
            continue
        if not _COLUMN_NUMBER.match(text):
            return False
        numbers.append(int(text.strip("()")))
    return len(numbers) >= 3 and all(a < b for a, b in itertools.pairwise(numbers))


# --- coercion -----------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def _nfc(value: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def as_text(value: object) -> str:
    """Cell VALUE as text: NFC, stripped, inner whitespace collapsed; 38.0 → "38";
    dates as dd/mm/yyyy; None → "". The quote our CSV exports put before a would-be
    formula ("'=…", "'+84…") is taken away, so a round trip changes nothing."""
    if value is None:
        return ""
    if isinstance(value, str):
        if value[:1] == "'" and value[1:2] and value[1:].startswith(FORMULA_START):
            value = value[1:]
        return _nfc(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return _nfc(str(value))


def as_digits(value: object) -> str:
    """An identifier (CCCD, số thẻ) as text, keeping leading zeros.

    "038085001234" stays; a float 38085001234.0 (Excel dropped the zero) becomes
    "38085001234" — the caller validates the length, nothing is guessed. Spaces and dots
    used as group separators are removed; anything else is returned for the caller to
    reject.
    """
    if value is None:
        return ""
    if isinstance(value, float):
        # 38085001234.0 → "38085001234"; a fraction is kept visible for the caller to reject.
        return as_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = unicodedata.normalize("NFKC", as_text(value))  # full-width digits → ASCII
    text = _SPACES.sub("", text).lstrip("'")  # "'038…" is Excel's force-text prefix
    undotted = text.replace(".", "")
    if undotted.isascii() and undotted.isdigit():
        return undotted
    return text


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 61 = 1900-03-01 (after Excel's fake 29/02/1900)
_MAX_SERIAL = (dt.date(2100, 12, 31) - _EXCEL_EPOCH).days
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})" + _TIME)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_WORDS = re.compile(r"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})")


def _invalid_date(text: str) -> ValueError:
    return ValueError(f"Ngày không hợp lệ: '{text}'")


def as_date(value: object) -> dt.date | None:
    """Cell VALUE as a date, or None if blank.

    Accepts date/datetime cells, Excel serial numbers (1900 date system, 1900-01-01 to
    2100-12-31), and day-first text: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, d-m-yyyy,
    dd.mm.yyyy, yyyy-mm-dd (an optional time is ignored) and "ngày 05 tháng 3 năm 1985".
    Month-first is never assumed: "12/31/1985" is invalid. Anything else raises ValueError
    with a Vietnamese message naming the value.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise _invalid_date(str(value))
    if isinstance(value, int | float):
        return _from_serial(value)
    text = as_text(value)
    if not text:
        return None
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.group(1), match.group(3), match.group(4)
    elif match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    elif match := _WORDS.fullmatch(fold_words(text)):
        day, month, year = match.groups()
    else:
        raise _invalid_date(text)
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _invalid_date(text) from None


def as_date_within(value: object, fact: Fact, label: str, today: dt.date) -> dt.date | None:
    """Cell VALUE as a date (see `as_date`) within the range the date policy gives FACT;
    ValueError with a Vietnamese message naming LABEL and the range otherwise."""
    day = as_date(value)
    if day is not None and (problem := date_problem(day, fact, label, today)):
        raise ValueError(problem)
    return day


def _from_serial(serial: float) -> dt.date:
    if not math.isfinite(serial) or not 1 <= serial < _MAX_SERIAL + 1:
        raise _invalid_date(as_text(serial))
    days = math.floor(serial)  # a fraction is the time of day
    if days == 60:  # 29/02/1900, which Excel counts but never existed
        raise _invalid_date(as_text(serial))
    if days < 60:
        days += 1  # before the fake leap day Excel's serials are one day ahead
    return _EXCEL_EPOCH + dt.timedelta(days=days)


_MALE = frozenset({"nam", "m", "male", "nam gioi"})
_FEMALE = frozenset({"nu", "f", "female", "nu gioi"})


def as_gender(value: object) -> str | None:
    """Gender code of VALUE: "M" for Nam/M/Male, "F" for Nữ/Nu/F/Female (any case, with or
    without diacritics), None if blank; anything else (including 0/1 codes) raises
    ValueError."""
    if isinstance(value, str):
        key = fold_words(value)
        if not key:
            return None
        if key in _MALE:
            return "M"
        if key in _FEMALE:
            return "F"
    elif value is None:
        return None
    raise ValueError("Giới tính phải là Nam hoặc Nữ")
