"""The shape of a list built for printing: a header band of one or two rows (merged cells
spread over their sub-columns) and, under it, rows that are not all members — group rows,
total rows, signatures and notes.

A merged cell holds its value in its first cell only (XLSX, ODS; the Word reader blanks
the repeats the same way), so a parent header "Ngày vào Đảng" over "Dự bị" and "Chính
thức" is one label followed by an empty cell, with two labels under them. Pure Python
(no Django).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import cache

from dangvu.common.text import fold_words

# What a header's parts are joined with: "Ngày vào Đảng / Chính thức".
JOIN = " / "


def _text(value: object) -> str:
    return _as_text()(value)


@cache
def _as_text() -> Callable[[object], str]:
    """The one coercion of cells to text (`reading.as_text`; `reading` imports this module)."""
    from dangvu.imports.reading import as_text

    return as_text


def _looks_like_data(value: object) -> bool:
    """A date, a number or a number typed as text: a value no header cell holds."""
    if isinstance(value, int | float | dt.date | dt.datetime | dt.time | dt.timedelta):
        return not isinstance(value, bool)
    text = _text(value)
    digits = text.replace(".", "").replace(" ", "")
    return bool(text) and (digits.isdigit() or _DATE.search(text) is not None)


_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")


def sub_header(top: Sequence[object], below: Sequence[object]) -> bool:
    """Whether BELOW completes header row TOP: it names the sub-columns of at least one
    header merged over several columns (a label followed by empty cells, with labels
    under both), and holds nothing but such sub-labels or repeats of the label above
    (cells merged downwards read as the label again in some files). A row holding a date
    or a number is data."""
    tops = [_text(value) for value in top]
    subs = [_text(value) for value in below]
    width = max(len(tops), len(subs))
    tops += [""] * (width - len(tops))
    subs += [""] * (width - len(subs))
    if any(_looks_like_data(value) for value in below):
        return False
    spanned = _spanned(tops, subs)
    if not spanned:
        return False
    return all(not sub or sub == tops[i] or i in spanned for i, sub in enumerate(subs))


def _spanned(tops: list[str], subs: list[str]) -> set[int]:
    """Columns under a merged parent: a labelled cell followed by empty ones (or ones
    repeating it, as tools that do not merge write it), each of them (the first included)
    with a label below."""
    spanned: set[int] = set()
    for start, label in enumerate(tops):
        if not label or not subs[start] or (start and tops[start - 1] == label):
            continue
        end = start + 1
        while end < len(tops) and tops[end] in ("", label) and subs[end]:
            end += 1
        if end > start + 1:
            spanned.update(range(start, end))
    return spanned


def band_labels(top: Sequence[object], below: Sequence[object]) -> list[str]:
    """The column names of a two-row header: "Parent / Sub" under a merged parent, the one
    label where the cell spans both rows (or the row below repeats it)."""
    tops = [_text(value) for value in top]
    subs = [_text(value) for value in below]
    width = max(len(tops), len(subs))
    tops += [""] * (width - len(tops))
    subs += [""] * (width - len(subs))
    spanned = _spanned(tops, subs)
    labels: list[str] = []
    parent = ""
    for index, (label, sub) in enumerate(zip(tops, subs, strict=True)):
        if label:
            parent = label
        elif index in spanned:
            label = parent
        if not sub or sub == label:
            labels.append(label)
        elif not label:
            labels.append(sub)
        else:
            labels.append(f"{label}{JOIN}{sub}")
    return labels


class RowKind(StrEnum):
    """What a row under the header is. Only MEMBER rows are checked and imported; the
    others are listed with their row number, and the user may correct the reading."""

    MEMBER = "member"
    GROUP = "group"  # "I. Đảng viên chính thức", "Chi bộ Văn phòng"
    TOTAL = "total"  # "Cộng: 5 đảng viên"
    NOTE = "note"  # signatures, dates and notes under the table
    EMPTY = "empty"  # nothing but a row number printed in advance


_ROMAN = re.compile(r"^(?=[ivxlc]+$)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")
_LEADING_MARK = re.compile(r"^(?:[ivxlc]+|[a-h]|\d{1,2})\s+(?=\S)")
_TOTAL = re.compile(r"^(tong cong|tong so|tong|cong)(?:\s|$)")
_GROUP_WORDS = (
    "dang vien",
    "chi bo",
    "dang bo",
    "to dang",
    "to ",
    "nhom ",
    "khoi ",
    "doi tuong",
)
_NOTE_WORDS = (
    "t m ",
    "tm ",
    "thay mat",
    "bi thu",
    "pho bi thu",
    "nguoi lap",
    "nguoi ky",
    "ghi chu",
    "chu thich",
    "xac nhan",
    "noi nhan",
    "ky ten",
    "ky ghi ro",
    "luu ",
)
_DATE_LINE = re.compile(r"ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}")


def _distinct(values: Sequence[object]) -> list[str]:
    """The row's texts in order, a value repeated in the next cells counted once."""
    texts: list[str] = []
    for value in values:
        text = _text(value)
        if text and (not texts or texts[-1] != text):
            texts.append(text)
    return texts


def group_name(text: str) -> str:
    """A group row's words without its numbering ("II. Đảng viên dự bị" → "dang vien du bi")."""
    return _LEADING_MARK.sub("", fold_words(text))


def _dated(values: Sequence[object]) -> bool:
    """Whether the row holds a date, or a long number (an identifier): a member's row."""
    for value in values:
        if isinstance(value, dt.date | dt.datetime):
            return True
        text = _text(value)
        if _DATE.search(text) or re.search(r"\d{6}", text.replace(" ", "").replace(".", "")):
            return True
    return False


def classify(values: Sequence[object]) -> RowKind:
    """What the row VALUES under a header is, read as an office writes it.

    A total starts "Cộng", "Tổng cộng" or "Tổng số", with a colon, a count or nothing
    after; a signature or note starts with the words of a signature block ("T/M CHI BỘ",
    "BÍ THƯ", "Người lập biểu", "Ghi chú", "Nơi nhận") or is the date line; a group row is
    at most two texts, the first a Roman numeral or a letter, or the text naming a group
    ("Đảng viên dự bị", "Chi bộ …", "Tổ …"); a row of one number is a number printed in
    advance. Only a note may hold a date or an identifier. Anything else is a member row,
    checked like one: a sparse row is a member with empty cells, never silently a group.
    """
    if len({value for value in values if value not in ("", None)}) > 4:
        return RowKind.MEMBER  # the usual row, decided without reading its text
    texts = _distinct(values)
    if not texts:
        return RowKind.EMPTY
    if len(texts) == 1 and texts[0].strip("().").isdigit():
        return RowKind.EMPTY
    joined = fold_words(" ".join(texts))
    if len(texts) <= 3 and (joined.startswith(_NOTE_WORDS) or _DATE_LINE.search(joined)):
        return RowKind.NOTE
    if _dated(values) or len(texts) > 4:
        return RowKind.MEMBER
    first = fold_words(texts[0])
    if match := _TOTAL.match(first):
        bare = first == match.group(1)
        if bare or ":" in texts[0] or any(ch.isdigit() for ch in texts[0]) or len(texts) > 1:
            return RowKind.TOTAL
    if len(texts) <= 2:
        marked = len(texts) == 2 and bool(_ROMAN.match(first) or re.fullmatch(r"[a-h]", first))
        if marked or group_name(texts[-1]).startswith(_GROUP_WORDS):
            return RowKind.GROUP
    return RowKind.MEMBER


def group_text(values: Sequence[object]) -> str:
    """The group row's name as written, its numbering cell joined ("II. Đảng viên dự bị")."""
    return " ".join(_distinct(values))


class Classifier:
    """`classify` down a sheet: under a signature or note, the rows holding no date nor
    identifier (the signer's name, the seal's place) belong to the block, not the table."""

    def __init__(self) -> None:
        self.signed = False

    def __call__(self, values: Sequence[object]) -> RowKind:
        kind = classify(values)
        if kind == RowKind.NOTE:
            self.signed = True
        elif kind == RowKind.MEMBER and self.signed and not _dated(values):
            return RowKind.NOTE
        return kind
