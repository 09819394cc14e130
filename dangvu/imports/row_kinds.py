"""How the rows that are not members are shown (the page, the CLI) and how the user's
corrections of them are read back from the mapping form."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from dangvu.imports.layout import RowKind
from dangvu.imports.members.check import SKIPPED_SHEET

LABELS: dict[str, Any] = {
    RowKind.MEMBER: _("Đảng viên"),
    RowKind.GROUP: _("Dòng nhóm"),
    RowKind.TOTAL: _("Dòng cộng"),
    RowKind.NOTE: _("Chữ ký, ghi chú"),
    RowKind.EMPTY: _("Dòng trống"),
    SKIPPED_SHEET: _("Trang không có bảng đảng viên"),
}
# What the user may say a row is (a skipped sheet is not a row).
CHOICES = [(kind.value, LABELS[kind]) for kind in RowKind]


@dataclass(frozen=True)
class ShownRow:
    """A row not read as a member, as listed: its sheet's name (when the file has several),
    row number, kind (code and label), text, and the reader's kind (KIND unless the user
    corrected it)."""

    sheet_index: int
    sheet: str
    row: int
    kind: str
    label: str
    text: str
    read: str

    @property
    def corrected(self) -> bool:
        return self.kind != self.read

    @property
    def key(self) -> str:
        """The row's name in the mapping form: "kind-SHEET-ROW"."""
        return f"kind-{self.sheet_index}-{self.row}"


def shown_rows(layout: Mapping[str, Any]) -> list[ShownRow]:
    """A batch's rows not read as members (`ImportBatch.layout`), to be listed."""
    sheets = list(layout.get("sheets", []))
    several = len(sheets) > 1
    shown = []
    for other in layout.get("other_rows", []):
        index = int(other["sheet"])
        name = sheets[index] if several and index < len(sheets) else ""
        kind = str(other["kind"])
        shown.append(
            ShownRow(
                index, name, int(other["row"]), kind, str(LABELS.get(kind, kind)),
                str(other["text"]), str(other.get("read", kind)),
            )
        )  # fmt: skip
    return shown


def rows_more(layout: Mapping[str, Any]) -> int:
    """How many rows not read as members are counted but not listed."""
    return max(0, int(layout.get("other_total", 0)) - len(layout.get("other_rows", [])))


def row_line(row: ShownRow) -> str:
    """One listed row as the CLI prints it."""
    where = f"trang “{row.sheet}”, " if row.sheet else ""
    if row.kind == SKIPPED_SHEET:
        return f"{row.label}: “{row.text}”"
    return f"{where}dòng {row.row}: {row.label} — “{row.text}”"


def posted_kinds(data: Mapping[str, Any], layout: Mapping[str, Any]) -> list[list[Any]]:
    """The row kinds the user set in the mapping form, as a batch keeps them ([[sheet
    index, row, kind], …]): each listed row whose kind ("kind-SHEET-ROW") differs from the
    reader's, and a row named by its number ("other-sheet", "other-row", "other-kind"),
    such as a member row that is none. A listed row set back to the reader's kind is no
    longer a correction; corrections of rows not listed are dropped with them."""
    valid = {kind.value for kind in RowKind}
    read = {
        (int(other["sheet"]), int(other["row"])): str(other.get("read", other["kind"]))
        for other in layout.get("other_rows", [])
    }
    kinds: dict[tuple[int, int], str] = {}
    for (sheet, row), was in read.items():
        value = data.get(f"kind-{sheet}-{row}")
        if value in valid and value != was:
            kinds[(sheet, row)] = str(value)
    typed, kind = str(data.get("other-row", "")).strip(), data.get("other-kind", "")
    typed_sheet = str(data.get("other-sheet", "0")).strip() or "0"
    sheets = len(layout.get("sheets", [])) or 1
    named = typed.isdigit() and 0 < int(typed) <= 10_000_000 and kind in valid
    if named and typed_sheet.isdigit() and int(typed_sheet) < sheets:
        kinds[(int(typed_sheet), int(typed))] = str(kind)
    return [[sheet_index, number, kind] for (sheet_index, number), kind in sorted(kinds.items())]
