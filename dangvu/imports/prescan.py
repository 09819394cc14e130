"""What a workbook holds, measured before calamine reads it.

calamine builds a sheet as the rectangle between its first and last cells holding data, 32
bytes a cell, whatever the sheet's declared `<dimension>` says: a declared A1:XFD1048576
with two cells costs nothing, while one real cell at XFD1048576 asks for 512 GiB and aborts
the process. So the cells actually present are counted here, streaming the package's XML
with expat in constant memory (no tree, no DOCTYPE, no entities), and a sheet over the
limits is refused before calamine touches it. The declared dimension is not read: Excel
inflates it with formatted empty cells, and a hostile file can shrink it.

Measured here: XLSX/XLSM (the sheet to be read) and ODS (every table, since calamine reads
them all when it opens the file); the zip package of XLSX, XLSM, XLSB and ODS. XLS and
XLSB sheets are binary records, measured by calamine itself once loaded, within the memory
limit of the reader's process (`workbook_reader`).

Pure Python (no Django): it runs in the reader's child process.
"""

import operator
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from xml.parsers import expat

from dangvu.common.numbers import grouped
from dangvu.imports.limits import MB, ReadLimits
from dangvu.imports.unreadable import PREFIX, UnreadableFile, corrupt

MAX_PARTS = 10_000  # entries of a zip package; a workbook has a few dozen
_RATIO_FROM = MB  # smaller parts may compress very well (styles, empty sheets) and cost nothing
_CHUNK = 1 << 16
_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_COUNT = re.compile(r"[1-9][0-9]{0,9}")


def column_letters(number: int) -> str:
    """1 → A, 16384 → XFD."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    value = 0
    for letter in letters:
        value = value * 26 + ord(letter) - 64
    return value


def _mb(size: int) -> str:
    return grouped(-(-size // MB))


class Extent:
    """The part of one sheet holding data, checked against the limits as it grows, so a
    sheet over them is refused as soon as its first cell beyond is seen."""

    def __init__(self, sheet: str, limits: ReadLimits) -> None:
        self.sheet, self.limits = sheet, limits
        self.rows = self.columns = 0

    def within(self, rows: int, columns: int) -> bool:
        """Whether an area of ROWS × COLUMNS is within the limits."""
        limits = self.limits
        return (
            rows <= limits.max_rows
            and columns <= limits.max_columns
            and rows * columns <= limits.max_cells
        )

    def add(self, row: int, column: int) -> None:
        """A cell holding data at ROW, COLUMN (1-based)."""
        limits = self.limits
        if row > self.rows:
            self.rows = row
            if row > limits.max_rows:
                raise self._refused(
                    f"có dữ liệu đến dòng {grouped(row)} (ô {column_letters(column)}{row}), "
                    f"quá giới hạn {grouped(limits.max_rows)} dòng; hãy xoá các dòng thừa "
                    "rồi lưu lại."
                )
        if column > self.columns:
            self.columns = column
            if column > limits.max_columns:
                raise self._refused(
                    f"có dữ liệu đến cột {column_letters(column)} (ô "
                    f"{column_letters(column)}{row}), quá giới hạn {grouped(limits.max_columns)} "
                    "cột; hãy xoá các cột thừa rồi lưu lại."
                )
        if self.rows * self.columns > limits.max_cells:
            raise self._refused(
                f"có vùng dữ liệu {grouped(self.rows)} dòng × {grouped(self.columns)} cột, quá "
                f"giới hạn {grouped(limits.max_cells)} ô; hãy chia nhỏ tệp."
            )

    def _refused(self, what: str) -> UnreadableFile:
        return UnreadableFile(PREFIX + f"trang tính “{self.sheet}” {what}")


def check_package(archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Refuse a zip bomb: too many parts, too much unpacked, or a part inflating too much.
    The sizes are the zip's own; Python's zipfile never unpacks more than a part declares
    (the scans below read through it), and calamine runs under a memory limit."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise UnreadableFile(
            PREFIX + f"tệp nén có {grouped(len(parts))} phần, quá giới hạn {grouped(MAX_PARTS)}."
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_uncompressed:
        raise UnreadableFile(
            PREFIX + f"tệp giải nén ra {_mb(unpacked)} MB, quá giới hạn "
            f"{_mb(limits.max_uncompressed)} MB."
        )
    for part in parts:
        packed = max(part.compress_size, 1)
        if part.file_size > _RATIO_FROM and part.file_size > limits.max_ratio * packed:
            raise UnreadableFile(
                PREFIX + f"tệp nén bất thường: một phần giải nén gấp "
                f"{grouped(part.file_size // packed)} lần (giới hạn {grouped(limits.max_ratio)} "
                "lần), có thể là tệp độc hại."
            )


def _parse(
    archive: zipfile.ZipFile,
    part: str,
    suffix: str,
    start: Callable[[str, list[str]], None],
) -> None:
    """Stream PART through expat, calling START for each element: its name as written
    (with any prefix) and its attributes as [name, value, …]. A DOCTYPE, and with it any
    entity, is refused."""
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    parser.StartElementHandler = start

    def refuse_doctype(*_args: object) -> None:
        raise UnreadableFile(corrupt(suffix))

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise UnreadableFile(
            PREFIX + f"tệp {suffix} bị hỏng (XML sai ở dòng {error.lineno} của phần “{part}”); "
            "hãy mở bằng Excel rồi lưu lại."
        ) from error
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise UnreadableFile(corrupt(suffix)) from error


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def xlsx_sheet_parts(archive: zipfile.ZipFile, suffix: str) -> dict[str, str]:
    """Each sheet's name → its part in the package, as calamine finds them: the workbook's
    `<sheet r:id>` through `xl/_rels/workbook.xml.rels`."""
    ids: dict[str, str] = {}
    targets: dict[str, str] = {}

    def sheet(name: str, attrs: list[str]) -> None:
        if _local(name) == "sheet":
            pairs = dict(zip(attrs[::2], attrs[1::2], strict=True))
            rel = next((v for k, v in pairs.items() if ":" in k and _local(k) == "id"), "")
            ids[pairs.get("name", "")] = rel

    def relationship(name: str, attrs: list[str]) -> None:
        if _local(name) == "Relationship":
            pairs = dict(zip(attrs[::2], attrs[1::2], strict=True))
            target = pairs.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            targets[pairs.get("Id", "")] = posixpath.normpath(path)

    _parse(archive, "xl/workbook.xml", suffix, sheet)
    _parse(archive, "xl/_rels/workbook.xml.rels", suffix, relationship)
    return {name: targets[rel] for name, rel in ids.items() if rel in targets}


def scan_xlsx_sheet(archive: zipfile.ZipFile, part: str, extent: Extent, suffix: str) -> None:
    """Refuse the XLSX sheet in PART if its data reaches beyond the limits. A quick bound
    settles the usual sheet (`_plain_bound`); any other, or one whose bound is beyond the
    limits, is measured exactly (`_measure_xlsx_sheet`)."""
    bound = _plain_bound(archive, part, extent, suffix)
    if bound is None or not extent.within(*bound):
        _measure_xlsx_sheet(archive, part, extent, suffix)


_PLAIN_START = re.compile(rb"(?:\xef\xbb\xbf)?<[?A-Za-z]")
_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_ODD_CELLS = (b":c", b"<c\t", b"<c\n", b"<c\r")  # a prefixed cell, or odd spacing
_first, _second = operator.itemgetter(0), operator.itemgetter(1)


def _plain_bound(
    archive: zipfile.ZipFile, part: str, extent: Extent, suffix: str
) -> tuple[int, int] | None:
    """The last row and column any cell of the sheet names, holding data or not: a bound on
    what calamine reads, found at C speed (a fifth of the exact scan's time). Only for the
    form Excel and the libraries write, where every cell starts `<c r="A1"`, in an
    ASCII-compatible encoding: anything else (no address, another prefix or quote, an
    entity, UTF-16) gives None. Stops, with its bound so far, once beyond the limits."""
    rows, columns, letters, rest, first = 0, 0, {b"A"}, b"", True
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK * 16):
                if first and not _PLAIN_START.match(chunk):
                    return None
                text, first = rest + chunk, False
                cut = text.rfind(b"<")  # a tag never holds "<": none is split across chunks
                if cut < 0:
                    return None
                text, rest = text[:cut], text[cut:]
                found = _PLAIN_CELL.findall(text)
                cells = text.count(b"<c ") + text.count(b"<c>") + text.count(b"<c/>")
                if len(found) != cells or any(odd in text for odd in _ODD_CELLS):
                    return None
                if found:
                    rows = max(rows, max(map(int, map(_second, found))))
                    letters.update(map(_first, found))
                columns = _column_number(max(letters, key=lambda name: (len(name), name)).decode())
                if not extent.within(rows, columns):
                    return rows, columns
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise UnreadableFile(corrupt(suffix)) from error
    return rows, columns


def _measure_xlsx_sheet(archive: zipfile.ZipFile, part: str, extent: Extent, suffix: str) -> None:
    """Count the cells of an XLSX sheet holding a value (`<v>` or inline `<is>`); styled
    empty cells, which calamine skips, are not counted. Cells and rows without an address
    follow the previous one, as in calamine. The handler runs for every element (about 1 s
    per 100,000 rows of six columns), so it tests the plain names first."""
    row = column = 0
    cell: tuple[int, int] | None = None  # a cell whose value is still to come
    columns: dict[str, int] = {}

    def start(name: str, attrs: list[str]) -> None:
        nonlocal row, column, cell
        if name == "c":
            ref = attrs[1] if attrs and attrs[0] == "r" else _attribute(attrs, "r")
            if ref is None:
                column += 1
                cell = (row, column)
                return
            match = _REF.fullmatch(ref)
            if match is None:
                raise UnreadableFile(corrupt(suffix))
            letters, digits = match.groups()
            column = columns.get(letters) or columns.setdefault(letters, _column_number(letters))
            cell = (int(digits), column)
        elif name == "v" or name == "is":
            if cell is not None:
                if cell[0] > extent.rows or cell[1] > extent.columns:
                    extent.add(*cell)
                cell = None
        elif name == "row":
            ref = _attribute(attrs, "r")
            if ref is None:
                row += 1
            elif _COUNT.fullmatch(ref):
                row = int(ref)
            else:
                raise UnreadableFile(corrupt(suffix))
            column, cell = 0, None
        elif ":" in name:
            start(_local(name), attrs)

    _parse(archive, part, suffix, start)


def _attribute(attrs: list[str], name: str, *, local: bool = False) -> str | None:
    """The value of attribute NAME in expat's ordered list [name, value, name, value, …];
    LOCAL: whatever its prefix."""
    for index in range(0, len(attrs), 2):
        if (_local(attrs[index]) if local else attrs[index]) == name:
            return attrs[index + 1]
    return None


def scan_ods(archive: zipfile.ZipFile, limits: ReadLimits, suffix: str) -> None:
    """Check every table of an ODS `content.xml`, counting repeated rows and cells
    (`number-rows-repeated`, `number-columns-repeated`): a tiny file can repeat one cell
    over the whole sheet. A cell holds data if it has a value type or a paragraph."""
    extent = Extent("", limits)
    row = column = 0
    repeat = 1  # how many times the current row repeats
    cell: int | None = None  # the last column of a cell whose text may come

    def repeats(attrs: list[str], name: str) -> int:
        value = next(
            (v for k, v in zip(attrs[::2], attrs[1::2], strict=True) if _local(k) == name), "1"
        )
        if not _COUNT.fullmatch(value):
            raise UnreadableFile(corrupt(suffix))
        return int(value)

    def start(name: str, attrs: list[str]) -> None:
        nonlocal extent, row, column, repeat, cell
        name = _local(name)
        if name in ("table-cell", "covered-table-cell"):
            count = repeats(attrs, "number-columns-repeated")
            column += count
            cell = column
            if any(_local(k) == "value-type" for k in attrs[::2]):
                extent.add(row + repeat - 1, column)
                cell = None
        elif name == "p":
            if cell is not None:
                extent.add(row + repeat - 1, cell)
                cell = None
        elif name == "table-row":
            row += repeat
            repeat = repeats(attrs, "number-rows-repeated")
            column, cell = 0, None
        elif name == "table":
            table = next(
                (v for k, v in zip(attrs[::2], attrs[1::2], strict=True) if _local(k) == "name"), ""
            )
            extent = Extent(table, limits)
            row, repeat, column, cell = 0, 1, 0, None

    _parse(archive, "content.xml", suffix, start)
