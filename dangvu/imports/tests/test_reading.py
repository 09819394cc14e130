"""Reading layer of the member import: real files in tmp_path, no database."""

import datetime as dt
import gc
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.text import fold_words
from dangvu.imports.columns import FIELDS, match_header, suggest_mapping
from dangvu.imports.limits import ReadLimits
from dangvu.imports.reading import (
    Cell,
    UnreadableFile,
    as_date,
    as_digits,
    as_gender,
    as_text,
    find_header,
    open_rows,
)
from dangvu.imports.workbook import open_workbook

VIETNAMESE_MARKS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def _read(
    path: Path, sheet: str | None = None
) -> tuple[str, int, list[str], list[tuple[int, list[object]]]]:
    name, rows = open_rows(path, sheet=sheet)
    header_row, labels, data = find_header(rows, known=match_header)
    return name, header_row, labels, list(data)


def _assert_vietnamese(error: UnreadableFile) -> None:
    message = str(error)
    assert "\n" not in message
    assert message.startswith("Không")
    assert VIETNAMESE_MARKS & set(message.lower())


def _office_xlsx(path: Path) -> None:
    """Two title rows, a merged cell, a blank row, the header on row 4, then data."""
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Danh sách")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    stamp_format = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    text_format = workbook.add_format({"num_format": "@"})
    sheet.merge_range("A1:F1", "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH")
    sheet.write("A2", "DANH SÁCH ĐẢNG VIÊN (Ngày sinh, Họ và tên theo CCCD)")
    # Row 3 is blank; the header is row 4.
    headers = ["STT", "Họ và tên (*)", "Giới tính", "Ngày sinh", "Số CCCD", "Ngày vào Đảng:"]
    sheet.write_row(3, 0, headers)
    sheet.write_row(4, 0, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])  # column numbering
    sheet.write_number(5, 0, 1)
    sheet.write_string(5, 1, unicodedata.normalize("NFD", "Nguyễn  Thị   Hoà"))
    sheet.write_string(5, 2, "Nữ")
    sheet.write_datetime(5, 3, dt.datetime(1985, 3, 15), date_format)
    sheet.write_string(5, 4, "038085001234", text_format)
    sheet.write_datetime(5, 5, dt.datetime(2010, 5, 19, 8, 30), stamp_format)
    # Row 7 is blank and skipped.
    sheet.write_number(7, 0, 2)
    sheet.write_string(7, 1, "Trần Văn Đức")
    sheet.write_string(7, 2, "Nam")
    sheet.write_number(7, 3, 31121)  # an Excel serial left unformatted
    sheet.write_number(7, 4, 38085001235)  # the leading zero lost by Excel
    sheet.write_string(7, 5, "ngày 03 tháng 2 năm 2012")
    workbook.close()


# --- open_rows + find_header on real files -----------------------------------------------


def test_xlsx_header_below_title_rows_and_merged_cell(tmp_path: Path) -> None:
    path = tmp_path / "danh-sach.xlsx"
    _office_xlsx(path)

    name, header_row, labels, data = _read(path)

    assert name == "Danh sách"
    assert header_row == 4
    assert labels == ["STT", "Họ và tên (*)", "Giới tính", "Ngày sinh", "Số CCCD", "Ngày vào Đảng:"]
    assert suggest_mapping(labels) == {
        1: "full_name",
        2: "gender",
        3: "birth_date",
        4: "national_id",
        5: "admission_date",
    }
    # The "(1) (2) …" numbering row and the blank row 7 are skipped.
    assert [number for number, _values in data] == [6, 8]
    (_, first), (_, second) = data
    assert first[0] == 1.0 and as_text(first[0]) == "1"
    assert as_text(first[1]) == "Nguyễn Thị Hoà"
    assert as_text(first[1]) == unicodedata.normalize("NFC", as_text(first[1]))
    assert as_gender(first[2]) == "F"
    assert as_date(first[3]) == dt.date(1985, 3, 15)
    assert as_digits(first[4]) == "038085001234"
    assert isinstance(first[5], dt.datetime)
    assert as_date(first[5]) == dt.date(2010, 5, 19)
    assert as_gender(second[2]) == "M"
    assert as_date(second[3]) == dt.date(1985, 3, 15)
    assert as_digits(second[4]) == "38085001235"
    assert as_date(second[5]) == dt.date(2012, 2, 3)


def test_xlsx_named_sheet_and_leading_blank_columns(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Bìa").write("A1", "Trang bìa")
    sheet = workbook.add_worksheet("DS")
    sheet.write_row("C2", ["Ngày sinh", "Họ tên", "Nam/Nữ"])
    sheet.write_row("C3", ["05/03/1985", "Lê Văn A", "nam"])
    workbook.close()

    name, rows = open_rows(path, sheet="DS")
    header_row, labels, data = find_header(rows, known=match_header)

    assert (name, header_row) == ("DS", 2)
    assert labels == ["", "", "Ngày sinh", "Họ tên", "Nam/Nữ"]  # columns keep Excel positions
    assert suggest_mapping(labels) == {2: "birth_date", 3: "full_name", 4: "gender"}
    assert list(data) == [(3, ["", "", "05/03/1985", "Lê Văn A", "nam"])]

    with pytest.raises(UnreadableFile, match="không có trang tính “Khác”"):
        open_rows(path, sheet="Khác")


def test_xlsx_renamed_to_xls_is_still_read(tmp_path: Path) -> None:
    source = tmp_path / "real.xlsx"
    _office_xlsx(source)
    renamed = tmp_path / "misnamed.xls"
    renamed.write_bytes(source.read_bytes())

    _name, header_row, _labels, data = _read(renamed)

    assert header_row == 4 and len(data) == 2


_ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Đảng viên">
<table:table-row><table:table-cell table:number-columns-spanned="3" office:value-type="string">
<text:p>DANH SÁCH</text:p></table:table-cell>
<table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row>
<table:table-cell office:value-type="string"><text:p>Họ và tên</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Ngày sinh</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Số CCCD</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell office:value-type="string"><text:p>Nguyễn Văn A</text:p></table:table-cell>
<table:table-cell office:value-type="date" office:date-value="1985-03-15">
<text:p>15/03/1985</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="38085001234">
<text:p>38085001234</text:p></table:table-cell>
</table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""
_ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
<manifest:file-entry manifest:full-path="/"
 manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def test_ods(tmp_path: Path) -> None:
    """No ODS writer is installed, so the package is assembled by hand."""
    path = tmp_path / "ds.ods"
    with zipfile.ZipFile(path, "w") as archive:
        mimetype = "application/vnd.oasis.opendocument.spreadsheet"
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        # calamine wants no whitespace between ODS elements.
        content = "".join(_ODS_CONTENT.splitlines())
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)

    name, header_row, labels, data = _read(path)

    assert (name, header_row, labels) == ("Đảng viên", 2, ["Họ và tên", "Ngày sinh", "Số CCCD"])
    [(number, values)] = data
    assert number == 3
    assert as_date(values[1]) == dt.date(1985, 3, 15)
    assert as_digits(values[2]) == "38085001234"


def test_csv_utf8_without_bom_comma(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    text = (
        "DANH SÁCH ĐẢNG VIÊN\n"
        "\n"
        "Họ và tên,Ngày sinh,Giới tính,CCCD,Ngày kết nạp\n"
        '"Nguyễn Văn A","5/3/1985",Nam,038085001234,19-05-2010\n'
        ",,,,\n"
        '"Phạm Thị B, con","1985-03-05",nữ,001 085 001 234,19.5.2010\n'
    )
    path.write_text(text, encoding="utf-8")

    name, header_row, labels, data = _read(path)

    assert name == "ds"
    assert header_row == 3
    assert suggest_mapping(labels) == {
        0: "full_name",
        1: "birth_date",
        2: "gender",
        3: "national_id",
        4: "admission_date",
    }
    assert [number for number, _ in data] == [4, 6]
    first, second = data[0][1], data[1][1]
    assert first == ["Nguyễn Văn A", "5/3/1985", "Nam", "038085001234", "19-05-2010"]
    assert as_digits(first[3]) == "038085001234"
    assert as_date(first[1]) == dt.date(1985, 3, 5)
    assert as_date(first[4]) == dt.date(2010, 5, 19)
    assert as_text(second[0]) == "Phạm Thị B, con"
    assert as_digits(second[3]) == "001085001234"
    assert as_date(second[4]) == dt.date(2010, 5, 19)


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_with_bom_and_other_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "ds.csv"
    lines = [
        ["Tên đảng viên", "Sinh ngày", "GT", "Địa chỉ thường trú"],
        ["Hoàng Văn C", "01/01/1970", "M", "Số 5, phường Ba Đình, Hà Nội"],
    ]
    nfd = unicodedata.normalize("NFD", "\n".join(delimiter.join(row) for row in lines))
    path.write_bytes(b"\xef\xbb\xbf" + nfd.encode("utf-8") + b"\r\n")

    _name, header_row, labels, data = _read(path)

    assert header_row == 1
    assert labels[0] == "Tên đảng viên"  # BOM gone, NFC
    assert suggest_mapping(labels) == {0: "full_name", 1: "birth_date", 2: "gender", 3: "residence"}
    [(number, values)] = data
    assert number == 2
    assert as_text(values[3]) == "Số 5, phường Ba Đình, Hà Nội"


def test_header_not_found(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text("Tiêu đề\nHọ và tên,Quê quán\nA,B\n", encoding="utf-8")
    _name, rows = open_rows(path)
    with pytest.raises(UnreadableFile) as caught:
        find_header(rows, known=match_header)
    assert str(caught.value) == (
        "Không tìm thấy dòng tiêu đề (Họ và tên, Ngày sinh…) trong 30 dòng đầu."
    )


def test_header_beyond_scan_is_not_found() -> None:
    rows: list[list[object]] = [["tiêu đề"] for _ in range(30)]
    rows.append(["Họ và tên", "Ngày sinh"])
    rows.append(["Nguyễn Văn A", "01/01/1980"])
    with pytest.raises(UnreadableFile):
        find_header(iter(rows), known=match_header)
    header_row, _labels, _data = find_header(iter(rows), known=match_header, scan=31)
    assert header_row == 31


def test_best_header_row_wins() -> None:
    rows: list[list[object]] = [
        ["Họ và tên", "Ngày sinh"],  # a legend row, fewer matches
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ"],
        ["1", "Nguyễn Văn A", "01/01/1980", "Nam", "CB1"],
    ]
    header_row, labels, data = find_header(iter(rows), known=match_header)
    assert header_row == 2
    assert labels[0] == "STT"
    assert list(data) == [(3, rows[2])]


# --- unreadable files ---------------------------------------------------------------------


def _cp1258(text: str) -> bytes:
    """TEXT as Windows-1258 (precomposed vowels, tone marks as combining characters)."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base, marks = decomposed[0], decomposed[1:]
            vowel = unicodedata.normalize("NFC", base + marks[:-1])
            out += (vowel + marks[-1]).encode("cp1258")
    return out


def _truncated_xlsx(path: Path) -> None:
    whole = path.with_name("whole.xlsx")
    _office_xlsx(whole)
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _bad_member_xlsx(path: Path) -> None:
    """A zip that is not a workbook."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "không phải bảng tính")


BAD_FILES: dict[str, Callable[[Path], object]] = {
    "garbage.txt": lambda p: p.write_bytes(b"\x00\x01garbage\xff" * 50),
    "text.txt": lambda p: p.write_text("Họ và tên,Ngày sinh\n", encoding="utf-8"),
    "empty.xlsx": lambda p: p.write_bytes(b""),
    "empty.csv": lambda p: p.write_bytes(b""),
    "bom-only.csv": lambda p: p.write_bytes(b"\xef\xbb\xbf\r\n \n"),
    "truncated.xlsx": _truncated_xlsx,
    "zip.xlsx": _bad_member_xlsx,
    "random.xlsx": lambda p: p.write_bytes(bytes(range(256)) * 40),
    "random.xls": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 900),
    "random.ods": lambda p: p.write_bytes(b"PK\x03\x04" + b"\x01" * 300),
    "windows-1258.csv": lambda p: p.write_bytes(
        _cp1258("Họ và tên,Ngày sinh\nNguyễn Văn Ánh,01/01/1980\n")
    ),
    "binary.csv": lambda p: p.write_bytes(bytes(range(256)) * 10),
    "utf16.csv": lambda p: p.write_bytes("Họ và tên,Ngày sinh\n".encode("utf-16")),
    "page.xls": lambda p: p.write_bytes(
        "<html><body><table><tr><td>Họ và tên</td></tr></table></body></html>".encode()
    ),
    "encrypted.xlsx": lambda p: p.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 500
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 500
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_unreadable_files_raise_vietnamese_reason(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    BAD_FILES[name](path)
    with pytest.raises(UnreadableFile) as caught:
        _read(path)
    _assert_vietnamese(caught.value)


def test_specific_reasons(tmp_path: Path) -> None:
    cases: dict[str, tuple[str | bytes, str]] = {
        "a.txt": ("Họ và tên\n", "không phải bảng tính XLSX, XLS, ODS, CSV hay văn bản Word DOCX"),
        "b.csv": (_cp1258("Họ và tên\n"), "UTF-8"),
        "c.xlsx": (b"", "tệp rỗng"),
        "d.xls": (b"<!DOCTYPE html><html></html>", "HTML"),
    }
    for name, (content, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        with pytest.raises(UnreadableFile, match=reason):
            open_rows(path)
    with pytest.raises(UnreadableFile, match="không tìm thấy tệp"):
        open_rows(tmp_path / "missing.xlsx")


def test_windows_1258_late_in_file_is_caught_before_streaming(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    good = "Họ và tên,Ngày sinh\n" + "Nguyễn Văn A,01/01/1980\n" * 5000
    path.write_bytes(good.encode("utf-8") + _cp1258("Đỗ Thị Ánh,01/01/1980\n"))
    with pytest.raises(UnreadableFile, match="UTF-8"):
        open_rows(path)


# --- streaming ----------------------------------------------------------------------------


def test_twenty_thousand_rows_stream(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["DANH SÁCH ĐẢNG VIÊN"])
    sheet.write_row(2, 0, ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"])
    for index in range(20_000):
        sheet.write_row(3 + index, 0, [f"Đảng viên {index}", 31121 + index % 9000, "Nam"])
        sheet.write_string(3 + index, 3, f"{index:012d}")
    workbook.close()

    _name, rows = open_rows(path)
    assert isinstance(rows, Iterator) and not isinstance(rows, list)
    header_row, _labels, data = find_header(rows, known=match_header)
    assert isinstance(data, Iterator) and not isinstance(data, list)

    count = 0
    last = 0
    tracemalloc.start()
    try:
        for number, values in data:
            count += 1
            last = number
            if count == 1:
                assert as_digits(values[3]) == "000000000000"
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Holding 20,000 rows as Python lists would take several MB; streaming holds one line
    # of the reader process's output (about 32 K characters) at a time.
    assert peak < 1024 * 1024, peak
    assert header_row == 3
    assert count == 20_000
    assert last == 20_003
    assert as_date(values[1]) == dt.date(1985, 3, 15) + dt.timedelta(days=19_999 % 9000)


# --- coercion -----------------------------------------------------------------------------


def test_cell_is_frozen() -> None:
    cell = Cell(row=4, column=2, value="x")
    with pytest.raises(AttributeError):
        cell.row = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  Nguyễn   Văn\tA \n", "Nguyễn Văn A"),
        (unicodedata.normalize("NFD", "Hoàng Thị Thuỷ"), "Hoàng Thị Thuỷ"),
        (38.0, "38"),
        (38.5, "38.5"),
        (12, "12"),
        (dt.date(1985, 3, 5), "05/03/1985"),
        (dt.datetime(1985, 3, 5), "05/03/1985"),
        ("'=SUM(A1)", "=SUM(A1)"),  # the quote our CSV exports put before a formula
        ("'+84912345678", "+84912345678"),
        ("'-Bí thư", "-Bí thư"),
        ("'Nguyễn", "'Nguyễn"),  # any other quote is the cell's own
        ("'", "'"),
    ],
)
def test_as_text(value: object, expected: str) -> None:
    result = as_text(value)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("038085001234", "038085001234"),
        (" 038 085 001 234 ", "038085001234"),
        ("038.085.001.234", "038085001234"),
        ("'038085001234", "038085001234"),
        ("０３８０８５００１２３４", "038085001234"),
        (38085001234.0, "38085001234"),
        (38085001234, "38085001234"),
        (None, ""),
        ("", ""),
        ("CA-123", "CA-123"),
        (12.5, "12.5"),
    ],
)
def test_as_digits(value: object, expected: str) -> None:
    assert as_digits(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15/03/1985", dt.date(1985, 3, 15)),
        ("5/3/1985", dt.date(1985, 3, 5)),
        ("15-03-1985", dt.date(1985, 3, 15)),
        ("5-3-1985", dt.date(1985, 3, 5)),
        ("15.03.1985", dt.date(1985, 3, 15)),
        ("1985-03-15", dt.date(1985, 3, 15)),
        ("1985-03-15 00:00:00", dt.date(1985, 3, 15)),
        ("ngày 05 tháng 3 năm 1985", dt.date(1985, 3, 5)),
        ("Ngày 5 tháng 03 năm 1985", dt.date(1985, 3, 5)),
        (unicodedata.normalize("NFD", "ngày 05 tháng 3 năm 1985"), dt.date(1985, 3, 5)),
        (" 12/01/1985 ", dt.date(1985, 1, 12)),  # day first, never January 12th misread
        (dt.date(1985, 3, 15), dt.date(1985, 3, 15)),
        (dt.datetime(1985, 3, 15, 10, 30), dt.date(1985, 3, 15)),
        (31121, dt.date(1985, 3, 15)),
        (31121.0, dt.date(1985, 3, 15)),
        (31121.75, dt.date(1985, 3, 15)),  # the fraction is the time of day
        (1, dt.date(1900, 1, 1)),
        (59, dt.date(1900, 2, 28)),
        (61, dt.date(1900, 3, 1)),
        (45658, dt.date(2025, 1, 1)),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_as_date_accepts(value: object, expected: dt.date | None) -> None:
    assert as_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "31/02/1985",
        "12/31/1985",  # month first is never assumed
        "29/02/1985",
        "15/03/85",  # two-digit years are not guessed
        "15/03-1985",
        "1985/03/15",
        "15031985",
        "31121",
        "tháng 3 năm 1985",
        "ngày 32 tháng 1 năm 1985",
        "hôm qua",
        60,  # Excel's 29/02/1900
        0,
        -5,
        10_000_000,
        float("nan"),
        True,
    ],
)
def test_as_date_rejects(value: object) -> None:
    with pytest.raises(ValueError, match=r"^Ngày không hợp lệ: '") as caught:
        as_date(value)
    if isinstance(value, str):
        assert f"'{value}'" in str(caught.value)


def test_as_date_message_names_value() -> None:
    with pytest.raises(ValueError) as caught:
        as_date("31/02/1985")
    assert str(caught.value) == "Ngày không hợp lệ: '31/02/1985'"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_as_date_round_trips_day_first_and_iso(day: dt.date) -> None:
    assert as_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day
    assert as_date(f"{day.day}-{day.month}-{day.year}") == day
    assert as_date(day.isoformat()) == day
    assert as_date(f"ngày {day.day} tháng {day.month} năm {day.year}") == day


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31)))
def test_as_date_serial_matches_excel(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert as_date(serial) == day
    assert as_date(float(serial) + 0.5) == day


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Nam", "M"),
        ("nam", "M"),
        (" NAM ", "M"),
        ("M", "M"),
        ("male", "M"),
        ("Nữ", "F"),
        (unicodedata.normalize("NFD", "Nữ"), "F"),
        ("nu", "F"),
        ("NỮ", "F"),
        ("F", "F"),
        ("Female", "F"),
        (None, None),
        ("", None),
    ],
)
def test_as_gender(value: object, expected: str | None) -> None:
    assert as_gender(value) == expected


@pytest.mark.parametrize("value", ["1", "0", 1.0, 0, "x", "Nam Nữ", "Khác", True])
def test_as_gender_rejects_ambiguous(value: object) -> None:
    with pytest.raises(ValueError, match=r"^Giới tính phải là Nam hoặc Nữ$"):
        as_gender(value)


# --- columns ------------------------------------------------------------------------------


def test_fold_words() -> None:
    assert fold_words("  Số CMND/CCCD (*) ") == "so cmnd cccd"
    assert fold_words(unicodedata.normalize("NFD", "ĐẢNG VIÊN")) == "dang vien"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Họ và tên", "full_name"),
        ("HỌ VÀ TÊN", "full_name"),
        ("Ho va ten", "full_name"),
        ("Họ và tên (*)", "full_name"),
        ("Họ và tên:", "full_name"),
        ("1. Họ và tên", "full_name"),
        ("(2) Ngày sinh", "birth_date"),
        ("STT 3 Giới tính", "gender"),
        ("Ngày sinh (dd/mm/yyyy)", "birth_date"),
        ("Ngày, tháng, năm sinh", "birth_date"),
        ("Ngày\nsinh", "birth_date"),
        ("NS", "birth_date"),
        ("Nam/Nữ", "gender"),
        ("GT", "gender"),
        ("Số CMND/CCCD", "national_id"),
        ("Số định danh cá nhân", "national_id"),
        ("Căn cước công dân", "national_id"),
        ("Số thẻ ĐV", "party_card_number"),
        ("Số thẻ", "party_card_number"),
        ("Ngày kết nạp", "admission_date"),
        ("Vào Đảng", "admission_date"),
        ("Ngày công nhận chính thức", "official_date"),
        ("Sinh hoạt tại chi bộ", "cell"),
        ("Mã chi bộ", "cell"),
        ("Bí danh", "other_name"),
        ("Dân tộc", "ethnicity"),
        ("Tôn giáo", "religion"),
        ("Nghề nghiệp", "occupation"),
        ("Chức vụ", "position"),
        ("Đơn vị công tác", "workplace"),
        ("SĐT", "phone"),
        ("E-mail", "email"),
        ("Thư điện tử", "email"),
        ("Nơi ở hiện nay", "residence"),
    ],
)
def test_match_header(label: str, field: str) -> None:
    assert match_header(label) == field


@pytest.mark.parametrize("label", ["", "STT", "Quê quán", "Ghi chú", "Họ", "Ngày", "1", "(*)"])
def test_match_header_unknown(label: str) -> None:
    assert match_header(label) is None


def test_every_variant_matches_its_field() -> None:
    for name, spec in FIELDS.items():
        assert spec.kind in {"text", "digits", "date", "gender"}
        for variant in (spec.label_vi, *spec.variants):
            assert match_header(variant) == name, variant
    assert {name for name, spec in FIELDS.items() if spec.required} == {
        "full_name",
        "birth_date",
        "gender",
        "admission_date",
    }


def test_suggest_mapping_any_order_first_match_wins() -> None:
    headers = ["SĐT", "Ngày chính thức", "", "Tên đảng viên", "Họ và tên", "Sinh ngày", "Ghi chú"]
    assert suggest_mapping(headers) == {
        0: "phone",
        1: "official_date",
        3: "full_name",
        5: "birth_date",
    }


@pytest.mark.parametrize("started", [True, False])
def test_the_workbook_reader_stops_when_its_rows_are_dropped(tmp_path: Path, started: bool) -> None:
    path = tmp_path / "ds.xlsx"
    _office_xlsx(path)
    _name, rows, _total, _sheets = open_workbook(path, None, ReadLimits())
    child = rows.gi_frame.f_locals["self"]  # type: ignore[attr-defined]
    if started:
        assert next(rows)[0] == "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"

    del rows
    gc.collect()

    assert child.process.returncode is not None  # stopped, not left blocked on its pipe
