"""Lists kept as a table in a Word document (.docx), read as sheets: each table is one,
named "Bảng 1", "Bảng 2"…, its rows preceded by the paragraphs above it (the title block,
where a cell's name is written), so the same header search and row reading apply.

A merged cell holds its text in its first cell only, as in a workbook: the columns a cell
spans (`w:gridSpan`) and the rows it continues (`w:vMerge`) are blank. The package is
measured before it is parsed (`prescan.check_package`), python-docx's parser resolves no
entities, and the cells are counted against the reader's limits; it runs in the reader's
child process (`workbook_reader`), whose memory and time are limited, since the document's
XML is held whole. Pure Python (no Django).
"""

import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from dangvu.imports.limits import CELL_CHARS, ReadLimits
from dangvu.imports.prescan import Extent, check_package
from dangvu.imports.unreadable import PREFIX, UnreadableFile

SUFFIX = ".docx"
_NO_TABLE = PREFIX + "tệp Word không có bảng nào."


def table_name(number: int) -> str:
    return f"Bảng {number}"


def docx_sheets(path: Path, limits: ReadLimits) -> list[tuple[str, list[list[object]]]]:
    """The document's tables as (name, rows from row 1), each after the paragraphs above it
    and below the previous table. Raises `UnreadableFile`."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_package(archive, limits)
        document: Document = docx.Document(str(path))
    except UnreadableFile:
        raise
    except Exception as error:  # python-docx raises assorted errors for damaged files
        raise UnreadableFile(PREFIX + "tệp .docx bị hỏng hoặc không phải văn bản Word.") from error
    sheets: list[tuple[str, list[list[object]]]] = []
    above: list[list[object]] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = Paragraph(element, document).text.strip()
            if text:
                above.append([text[:CELL_CHARS]])
        elif element.tag == qn("w:tbl"):
            name = table_name(len(sheets) + 1)
            table = Table(element, document)
            sheets.append((name, above + _rows(table, Extent(name, limits), len(above))))
            above = []
    if not sheets:
        raise UnreadableFile(_NO_TABLE)
    return sheets


def _rows(table: Table, extent: Extent, offset: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for number, tr in enumerate(table._tbl.tr_lst, start=offset + 1):
        values: list[object] = [""] * tr.grid_before
        for tc in tr.tc_lst:
            continued = tc.vMerge == "continue"
            text = "" if continued else _Cell(tc, table).text.strip()[:CELL_CHARS]
            values += [text] + [""] * (tc.grid_span - 1)
            if text:
                extent.add(number, len(values) - tc.grid_span + 1)
        rows.append(values)
    return rows
