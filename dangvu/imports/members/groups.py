"""What a list's sheets, titles and group rows say about the members under them: the cell
("Chi bộ Văn phòng", a sheet named after its cell) and the status ("II. Đảng viên dự bị").

A cell is named by its name as the user's organization tree writes it, accent-blind and
with or without the words "Chi bộ", or by its code; only cells the user may change are
named. A status group is checked against each row's dates: the status they give today
(`members.facts.status_on`) must be the group's.
"""

import datetime as dt
import re
from dataclasses import dataclass

from dangvu.common.text import fold_words
from dangvu.imports.layout import group_name
from dangvu.members.facts import Status, status_on

_CELL_WORDS = re.compile(r"^(?:chi bo|cb)\s+")
_STATUS_WORDS = {"du bi": Status.PROBATIONARY, "chinh thuc": Status.OFFICIAL}


class CellNames:
    """The cells a user may change, by what a list calls them."""

    def __init__(self, cells: dict[str, str]) -> None:
        """CELLS: code → name."""
        self.by_key: dict[str, str] = {}
        for code, name in cells.items():
            self.by_key.setdefault(_CELL_WORDS.sub("", fold_words(name)), code)
            self.by_key.setdefault(fold_words(code), code)

    def named(self, text: str) -> str | None:
        """The code of the cell TEXT names as a whole ("CHI BỘ VĂN PHÒNG", "CB Văn phòng",
        "II. Chi bộ Kỹ thuật", "CSA-1"), or None."""
        words = _CELL_WORDS.sub("", group_name(text))
        return self.by_key.get(words)

    def mentioned(self, text: str) -> str | None:
        """The code of the cell a title TEXT mentions after "Chi bộ" ("DANH SÁCH ĐẢNG VIÊN
        CHI BỘ VĂN PHÒNG NĂM 2026"): the longest name that follows those words."""
        folded = fold_words(text)
        found, length = None, 0
        for match in re.finditer(r"\bchi bo\s+", folded):
            rest = folded[match.end() :]
            for key, code in self.by_key.items():
                if len(key) > length and (rest == key or rest.startswith(key + " ")):
                    found, length = code, len(key)
        return found


def group_status(text: str) -> Status | None:
    """The status a group row names ("Đảng viên dự bị", "I. ĐẢNG VIÊN CHÍNH THỨC"), or None."""
    words = group_name(text)
    for key, status in _STATUS_WORDS.items():
        if re.search(rf"\b{key}\b", words):
            return status
    return None


@dataclass
class Group:
    """What the group rows above a member row say: its cell (a code) and status, and the
    group row naming the status, for the message."""

    cell: str | None = None
    status: Status | None = None
    status_text: str = ""

    def enter(self, text: str, names: CellNames) -> None:
        """Under the group row TEXT: a cell's group starts afresh, a status group keeps the
        cell above it; a group naming neither (a "Tổ") changes nothing."""
        if (cell := names.named(text)) is not None:
            self.cell, self.status, self.status_text = cell, None, ""
        if (status := group_status(text)) is not None:
            self.status, self.status_text = status, text


def status_problem(
    group: Group, admission: dt.date | None, official: dt.date | None, today: dt.date
) -> str | None:
    """Why a row's dates disagree with its status group, or None. Official from the official
    date, probationary from the admission date (Điều lệ Đảng, Điều 5)."""
    if group.status is None or admission is None:
        return None
    status = status_on(admission_date=admission, official_date=official, exit_date=None, on=today)
    if status == group.status or status is None:
        return None
    if group.status == Status.OFFICIAL:
        return (
            f"Dòng thuộc nhóm “{group.status_text}” nhưng chưa có ngày chính thức "
            "(theo ngày trong dòng là đảng viên dự bị); hãy ghi ngày chính thức."
        )
    return (
        f"Dòng thuộc nhóm “{group.status_text}” nhưng đã có ngày chính thức "
        "(theo ngày trong dòng là đảng viên chính thức)."
    )
