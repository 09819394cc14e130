"""What every import reports and keeps: located problems, the result of a check, the
refusals, and the record of a check on its batch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Self

from django.conf import settings


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    header: str
    value: str
    message: str
    sheet: str = ""  # named only when the file has several sheets (or Word tables)

    def __str__(self) -> str:
        where = f"trang “{self.sheet}”, " if self.sheet else ""
        where += f"dòng {self.row}"
        where += f", cột {self.column} ({self.header})" if self.column else ""
        shown = f" “{self.value}”" if self.value else ""
        return f"{where}:{shown} {self.message}"


@dataclass
class LocatedRow:
    """One row of a file as an import reads it: its number, each field's cell as text (RAW)
    and where each field's column is (LOCATED: letter and header)."""

    row: int
    raw: dict[str, str]
    located: dict[str, tuple[str, str]]

    def problem(self, name: str, message: str, value: str | None = None) -> Problem:
        """MESSAGE about field NAME of this row, showing its cell (or VALUE)."""
        column, header = self.located.get(name, ("", ""))
        shown = self.raw.get(name, "") if value is None else value
        return Problem(self.row, column, header, shown, message)


class Problems(list[Problem]):
    """A check's problems: the first `IMPORT_MAX_PROBLEMS` kept to be listed, every one
    counted in `total`. A file of a million bad rows is a count, not a million objects."""

    def __init__(self, problems: Iterable[Problem] = (), *, keep: int | None = None) -> None:
        super().__init__()
        self.keep = settings.IMPORT_MAX_PROBLEMS if keep is None else keep
        self.total = 0
        self.extend(problems)

    def append(self, problem: Problem) -> None:
        self.total += 1
        if len(self) < self.keep:
            super().append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> Self:  # type: ignore[override,misc]
        self.extend(problems)
        return self

    @property
    def more(self) -> int:
        """How many are counted but not listed."""
        return self.total - len(self)


@dataclass(frozen=True)
class OtherRow:
    """A row under the header that is not a member (`layout.RowKind`), or one the user
    corrected: listed; checked only if it is a member."""

    sheet: int  # the sheet's place in the file, 0 for the first
    row: int
    kind: str
    text: str
    read: str  # what the reader took it for: KIND unless the user corrected it


@dataclass
class CheckResult:
    """What the check of a file found, members' or organizations'. SHEETS names the sheets
    read (the first is SHEET); OTHER_ROWS lists the first rows that are not members, and
    OTHER_TOTAL counts them all."""

    file_name: str
    sheet: str
    header_row: int
    mapping: dict[int, str]
    headers: list[str]
    rows_total: int = 0
    to_create: int = 0
    to_update: int = 0
    skipped: int = 0
    problems: Problems = field(default_factory=Problems)
    sheets: list[str] = field(default_factory=list)
    other_rows: list[OtherRow] = field(default_factory=list)
    other_total: int = 0

    def other_row(self, other: OtherRow) -> None:
        self.other_total += 1
        if len(self.other_rows) < settings.IMPORT_MAX_PROBLEMS:
            self.other_rows.append(other)


class ImportRefused(Exception):
    """Nothing was written: RESULT's problems say why."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(f"{result.problems.total} lỗi")
        self.result = result


class UndoRefused(Exception):
    pass


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 26 → AA."""
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(index))


def located(mapping: dict[int, str], headers: list[str]) -> dict[str, tuple[str, str]]:
    """Each mapped field's column: its letter and header."""
    return {name: (column_letter(i), headers[i]) for i, name in mapping.items()}


# What a batch keeps of a problem (a cell may hold 1,000 characters, a header as many): with
# its sentence, at most 1.2 KB, so IMPORT_MAX_PROBLEMS of them stay near a megabyte.
_KEPT = {"header": 100, "value": 100, "message": 300}


def problem_fields(problems: Problems) -> dict[str, Any]:
    """PROBLEMS as a batch keeps them: the listed ones as JSON, each text cut to a size (so
    the field's size is bounded whatever the file), with their sentence for the page; and
    how many there are in all."""
    stored = []
    for problem in problems:
        kept = asdict(problem)
        for name, limit in _KEPT.items():
            if len(kept[name]) > limit:
                kept[name] = kept[name][: limit - 1] + "…"
        stored.append(kept | {"text": str(Problem(**kept))})
    return {"problems": stored, "problems_total": problems.total}


def checked_fields(result: CheckResult) -> dict[str, Any]:
    """What a batch records of a check, members' or organizations', as it moves to CHECKED
    (`states.Step.RECORD_CHECK`)."""
    return {
        "working_since": None,
        "sheet": result.sheet,
        "header_row": result.header_row,
        "mapping": {str(k): v for k, v in result.mapping.items()},
        "rows_total": result.rows_total,
        "rows_done": result.rows_total,
        "to_create": result.to_create,
        "to_update": result.to_update,
        "skipped": result.skipped,
        "layout": layout_fields(result),
        **problem_fields(result.problems),
    }


def layout_fields(result: CheckResult) -> dict[str, Any]:
    """What a batch keeps of the file's shape: its sheets, and the rows that are not
    members, as the page lists them."""
    return {
        "sheets": result.sheets,
        "other_rows": [asdict(other) for other in result.other_rows],
        "other_total": result.other_total,
    }
