"""What every import reports and keeps: located problems, the refusals, and the record of
a check on its batch."""

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    header: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"dòng {self.row}" + (f", cột {self.column} ({self.header})" if self.column else "")
        shown = f" “{self.value}”" if self.value else ""
        return f"{where}:{shown} {self.message}"


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def located(mapping: dict[int, str], headers: list[str]) -> dict[str, tuple[str, str]]:
    """Each mapped field's column: its letter and header."""
    return {name: (column_letter(i), headers[i]) for i, name in mapping.items()}


class UndoRefused(Exception):
    pass


def stored_problems(problems: list[Problem]) -> list[dict[str, Any]]:
    """PROBLEMS as a batch keeps them (JSON), with their sentence for the page."""
    return [asdict(problem) | {"text": str(problem)} for problem in problems]


def checked_fields(result: Any) -> dict[str, Any]:
    """What a batch records of a check, members' or organizations' (the same attributes),
    as it moves to CHECKED (`states.Step.RECORD_CHECK`)."""
    return {
        "sheet": result.sheet,
        "header_row": result.header_row,
        "mapping": {str(k): v for k, v in result.mapping.items()},
        "rows_total": result.rows_total,
        "rows_done": result.rows_total,
        "to_create": result.to_create,
        "to_update": result.to_update,
        "skipped": result.skipped,
        "problems": stored_problems(result.problems),
    }
