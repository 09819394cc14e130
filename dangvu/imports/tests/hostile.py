"""A corpus of hostile spreadsheets, built by the tests themselves (no binaries committed):
each file is small or streamed to disk, and each must end in one Vietnamese line.

`CORPUS` maps a file name to its builder and a fragment of the message it must give.
"""

import datetime as dt
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import xlsxwriter
import xlwt

from dangvu.imports.tests.sheets import write_xlsx

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Ngày vào Đảng", "Mã chi bộ"]


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_row() -> str:
    cells = "".join(_inline(f"{chr(65 + i)}1", label) for i, label in enumerate(HEADER))
    return f'<row r="1">{cells}</row>'


def write_package(path: Path, sheet_rows: Callable[[], object], *, level: int = 6) -> Path:
    """An XLSX package written by hand, its one sheet streamed from SHEET_ROWS (an
    iterable of XML text for `<sheetData>`), so a huge sheet never sits in memory."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
        '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
        '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" Type="{_RELS}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets><sheet name="Danh sách" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" Type="{_RELS}/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            for chunk in sheet_rows():  # type: ignore[attr-defined]
                sheet.write(chunk.encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def dimension_bomb(path: Path) -> Path:
    """The issue's 2.4 KB file: a header and one cell at the sheet's last address."""
    return write_package(
        path, lambda: [_header_row(), '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>']
    )


def wide_bomb(path: Path) -> Path:
    """A header and one cell at column XFD of row 2: 16,384 columns."""
    return write_package(path, lambda: [_header_row(), _inline_row(2, "XFD2", "x")])


def _inline_row(row: int, ref: str, text: str) -> str:
    return f'<row r="{row}">{_inline(ref, text)}</row>'


def bad_rows(path: Path, count: int = 1_048_575) -> Path:
    """COUNT rows of bad data under the header (a name and a gender no one has), streamed:
    by default the issue's million rows, the most a sheet can hold."""
    template = (
        '<row r="{0}"><c r="A{0}" t="inlineStr"><is><t>Người {0}</t></is></c>'
        '<c r="B{0}" t="inlineStr"><is><t>không rõ</t></is></c></row>'
    )

    def rows() -> object:
        yield _header_row()
        for start in range(2, count + 2, 10_000):
            yield "".join(
                template.format(row) for row in range(start, min(start + 10_000, count + 2))
            )

    return write_package(path, rows, level=1)


def zip_bomb(path: Path) -> Path:
    """A sheet of 50 MB of spaces: a few dozen KB packed."""

    def rows() -> object:
        yield _header_row()
        yield _inline_row(2, "A2", "x")
        for _ in range(50):
            yield " " * (1 << 20)

    return write_package(path, rows, level=9)


def header_only(path: Path) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Danh sách").write_row(0, 0, HEADER)
    workbook.close()
    return path


def xls_bomb(path: Path) -> Path:
    """Excel 97–2003 holds at most 65,536 × 256 cells; one in the last one makes calamine
    build that rectangle, 512 MiB."""
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Danh sách")
    for column, label in enumerate(HEADER):
        sheet.write(0, column, label)
    sheet.write(65535, 255, "x")
    workbook.save(str(path))
    return path


def ods_repeat_bomb(path: Path) -> Path:
    """One cell repeated over the whole sheet, in a file of under a kilobyte."""
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:'
        'oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:'
        'opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:'
        'text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table '
        'table:name="Danh sách"><table:table-row>'
        + "".join(cell.format(label) for label in HEADER)
        + '</table:table-row><table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        mimetype = "application/vnd.oasis.opendocument.spreadsheet"
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def docx_renamed(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return path


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # Windows-1258 writes these as combining marks


def _cp1258(text: str) -> bytes:
    """TEXT as Windows-1258: vowels with their hat, breve or horn, then the tone mark."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0] + "".join(m for m in decomposed[1:] if m not in _TONES)
        tones = "".join(m for m in decomposed[1:] if m in _TONES)
        out += (unicodedata.normalize("NFC", base) + tones).encode("cp1258")
    return out


_CSV = ",".join(HEADER) + "\nNguyễn Văn A,Nam,01/01/1980,038080000001,01/01/2010,CSA-1\n"

# name → (builder, a fragment of the message)
CORPUS: dict[str, tuple[Callable[[Path], object], str]] = {
    "bom-kich-thuoc.xlsx": (dimension_bomb, "quá giới hạn 200.000 dòng"),
    "bom-cot.xlsx": (wide_bomb, "quá giới hạn 200 cột"),
    "trieu-dong.xlsx": (bad_rows, "quá giới hạn 200.000 dòng"),
    "bom-nen.xlsx": (zip_bomb, "có thể là tệp độc hại"),
    "bom-nen.docx": (zip_bomb, "có thể là tệp độc hại"),
    "chi-tieu-de.xlsx": (header_only, "không có dòng dữ liệu nào"),
    "bom.xls": (xls_bomb, "bộ nhớ"),
    "lap-lai.ods": (ods_repeat_bomb, "quá giới hạn 200.000 dòng"),
    "van-ban.xlsx": (docx_renamed, "bị hỏng hoặc không đúng định dạng"),
    "tai-lieu.xlsx": (lambda p: p.write_bytes(b"%PDF-1.4\n" + b"\x00" * 2000), "bị hỏng"),
    "anh.xlsx": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x01" * 2000), "bị hỏng"),
    "utf16.csv": (lambda p: p.write_bytes(_CSV.encode("utf-16")), "UTF-16"),
    "nul.csv": (lambda p: p.write_bytes(_CSV.encode().replace(b",Nam,", b",N\x00m,")), "nhị phân"),
    "windows-1258.csv": (lambda p: p.write_bytes(_cp1258(_CSV)), "UTF-8"),
}
# The reader's memory in the corpus tests: the XLS bomb needs 512 MiB and is refused.
CORPUS_MEMORY_MB = 256
TODAY = dt.date(2026, 11, 26)


def good_member_file(folder: Path) -> Path:
    """A one-member list that imports cleanly (Nguyễn Văn Tốt into CSA-1): the upload that
    must still work after each hostile one."""
    row: list[object] = ["Nguyễn Văn Tốt", "Nam", "15/03/1985", "038085001001", "19/05/2010",
                         "CSA-1"]  # fmt: skip
    return write_xlsx(folder / "tot.xlsx", HEADER, [row], title="DANH SÁCH", sheet_name="DS")
