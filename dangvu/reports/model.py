"""A report as plain parts (headings, sentences, tables, charts, numbered items), written
once from the statistics pack and printed by each format: the DOCX, the XLSX."""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """A table: its TITLE, its COLUMNS (header, width in characters) and ROWS."""

    title: str
    columns: list[tuple[str, int]]
    rows: list[list[object]]


@dataclass(frozen=True)
class Chart:
    """A bar chart of VALUES by LABELS."""

    title: str
    labels: list[str]
    values: list[float]


@dataclass(frozen=True)
class Written:
    """What staff wrote for a part (`reports.models.Narrative`): its latest version's
    PARAGRAPHS, and whether it is still a DRAFT."""

    paragraphs: list[str]
    draft: bool


@dataclass(frozen=True)
class Part:
    """A part of the report: figures in SENTENCES, TABLES and CHARTS, numbered ITEMS, and
    WRITTEN, the text staff wrote for its SECTION (`reports.models.Section`)."""

    heading: str
    sentences: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    section: str = ""
    written: Written | None = None


@dataclass(frozen=True)
class Report:
    """A report of COMMITTEE_NAME: the registry counted on COUNTED_ON, the results (ratings,
    targets, tasks) on AS_OF."""

    title: str
    summary: str
    committee_name: str
    counted_on: dt.date
    as_of: dt.date
    parts: list[Part]

    @property
    def tables(self) -> list[Table]:
        return [table for part in self.parts for table in part.tables]


def paragraphs(text: str) -> list[str]:
    """TEXT's paragraphs: its non-empty lines."""
    return [line for line in text.split("\n") if line.strip()]


def vn_number(value: float) -> str:
    """8612 → "8.612", 12.5 → "12,5": Vietnamese groups thousands with dots."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def percent(part: int, whole: int) -> str:
    return vn_number(round(100 * part / whole, 1)) + "%" if whole else "0%"
