"""Hostile inputs for the route fuzz test: what an attacker, or a careless user, sends in
a path, a query string, a form field or a file. Each strategy mixes ordinary values (so
forms sometimes validate and the services are reached) with the values that broke pages
before: dates in year 1 and 9999, ids past 2^63, NUL and bidirectional controls, text of
10,000 characters, markup and template syntax, files that are not what they claim."""

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from conftest import TODAY

DATES = [
    "01/01/0001", "0001-01-01", "1/1/1", "31/12/9999", "9999-12-31", "30/02/2024",
    "29/02/2023", "00/00/0000", "31/12/99999", "02/03/1930", "03/02/1930", "01/01/1900",
    "2024-13-01", "hôm nay", "-1", "1e9", "01/01/2100", " ", "31-12-9999", "9999-12-31T23:59",
]  # fmt: skip
IDS = [
    "0", "-1", "1", str(2**31), str(2**63 - 1), str(2**63), str(2**64), "9" * 40, "1e9",
    "abc", "", " 1", "1.5", "0x10", "١٢",
]  # fmt: skip
TEXTS = [
    "\x00", "Nguyễn\x00Văn", "\u202eNguyễn Văn An", "Lê\u2066Thị\u2069", "Trần\u200bBình",
    "\ufeffHà", "x" * 10_000, "' OR 1=1 --", "'; DROP TABLE members_member; --",
    "<script>alert(1)</script>", "{{ request.user.password }}", "{% debug %}", "${7*7}",
    "%s%s%n", "\r\n\t", "  ", "ＣＳＡ", "🎉", "e\u0301\u0302\u0303" * 50, "../../etc/passwd",
    "=HYPERLINK(\"http://x\")", "NULL", "None", "true",
]  # fmt: skip


def _date_text(day: dt.date) -> st.SearchStrategy[str]:
    return st.sampled_from([f"{day:%d/%m/%Y}", day.isoformat()])


dates = st.one_of(
    st.sampled_from(DATES),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).flatmap(_date_text),
    st.dates(min_value=TODAY - dt.timedelta(days=400), max_value=TODAY).flatmap(_date_text),
    st.text(max_size=12),
)
ids = st.one_of(
    st.sampled_from(IDS),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
texts = st.one_of(
    st.sampled_from(TEXTS),
    st.text(max_size=40),
    st.sampled_from(["Nguyễn Văn An", "Chi bộ Mới", "Lý do chính đáng", "QĐ 12-QĐ/ĐU"]),
)
# A file is (name, content); the test makes a fresh upload of it for every request.
_CSV_HEADER = "Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày vào Đảng,Chi bộ\n"
_FILE_NAMES = [
    "ds.csv", "ds.xlsx", "mau.docx", "ấ" * 100 + ".csv", "x" * 300 + ".xlsx", "\u202excsl.csv",
    "a\x00b.csv", "../../ds.csv", ".csv", "ds", "ds.CSV",
]  # fmt: skip
_FILE_BODIES = [
    b"",
    b"\x00" * 64,
    b"PK\x03\x04not really a zip",
    _CSV_HEADER.encode(),
    (_CSV_HEADER + "Nguyễn Văn A,Nam,01/01/0001,038085000001,31/12/9999,CSA-1\n").encode(),
    (_CSV_HEADER + "\u202eTên,Nữ,30/02/2000,99999999999999999999,hôm nay,\x00\n").encode(),
    "Mã,Tên tổ chức,Loại,Mã tổ chức cấp trên,Ngày thành lập,Ngày hiệu lực\n"
    "CSZ,Chi bộ Z,Chi bộ cơ sở,DBK,01/01/0001,31/12/9999\n".encode(),
    "\ufeffHọ và tên\n".encode("utf-16"),
]
files = st.tuples(
    st.one_of(st.sampled_from(_FILE_NAMES), st.text(min_size=1, max_size=30)),
    st.one_of(st.sampled_from(_FILE_BODIES), st.binary(max_size=256)),
)


# The edge values of each kind, each sent in turn (`edge`): the classes of input that broke
# pages before, so every run tries each of them in every parameter.
EDGES: dict[str, list[Any]] = {
    "text": ["a\x00b", "\u202eabc\u202c", "x" * 10_000, "{{ request }}' OR 1=1 --"],
    "id": ["0", str(2**63), str(2**64), "1.5"],
    "date": ["01/01/0001", "9999-12-31", "30/02/2024", "hôm nay"],
    "choice": ["\x00", "-1"],
}
_EDGE_FILES = [("ấ" * 100 + ".csv", _FILE_BODIES[4]), ("¡", b""), ("ds.csv", _FILE_BODIES[5]),
               ("tc.xlsx", b"PK\x03\x04")]  # fmt: skip
EDGES["file"] = _EDGE_FILES


def choices_of(values: list[Any]) -> st.SearchStrategy[str]:
    """A field with choices: one of them, or anything else."""
    valid = [str(value) for value in values if value not in ("", None)]
    return st.one_of(st.sampled_from(valid), texts, ids) if valid else texts


def one_of_or_hostile(valid: list[Any], hostile: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """VALID values (the world's own objects) or HOSTILE ones, about evenly."""
    return st.one_of(st.sampled_from([str(v) for v in valid]), hostile) if valid else hostile
