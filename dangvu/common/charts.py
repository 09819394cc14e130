"""Charts as server-rendered SVG: pure functions from labels and numbers to markup.

No script and no style attribute (the CSP allows neither inline): shapes carry SVG
presentation attributes for their geometry and classes that css/dangvu.css colours.
Each chart is shown beside a table of the same numbers (templates/includes/chart.html).
They live in `common` so that every app's pages draw them (the home page's, the report's).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
COLUMN_HEIGHT = 220
TOP = 36  # room for the marker's label and the value above the tallest column
BOTTOM = 22  # room for the year under each column
ROW_HEIGHT = 40  # a bar's label line and the bar
BAR_HEIGHT = 16
VALUE_WIDTH = 60  # room for the value after the longest bar


@dataclass(frozen=True)
class Chart:
    """A chart and its numbers: ROWS are (label, values), one value per COLUMNS entry."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, list[int]]]
    svg: SafeString


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _scale(values: Sequence[int], room: float) -> float:
    """Pixels per unit, so that the largest value fills ROOM (an all-zero chart stays flat)."""
    top = max(values, default=0)
    return room / top if top else 0.0


def _open(key: str, title: str, height: int) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="chart-{key}-title" data-chart="{escape(key)}">'
        f'<title id="chart-{key}-title">{escape(title)}</title>'
    )


def column_svg(
    *,
    key: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[int],
    marker: int | None = None,
    marker_label: str = "",
) -> SafeString:
    """Vertical columns (one per label, e.g. a year) with each value above its column. A
    dashed line before column MARKER (an index) marks an event, named by MARKER_LABEL."""
    slot = WIDTH / max(len(values), 1)
    room = COLUMN_HEIGHT - TOP - BOTTOM
    unit = _scale(values, room)
    base = COLUMN_HEIGHT - BOTTOM
    parts = [_open(key, title, COLUMN_HEIGHT)]
    parts.append(f'<line class="chart-axis" x1="0" y1="{base}" x2="{WIDTH}" y2="{base}"/>')
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = round(value * unit, 1)
        x = round(index * slot + slot * 0.2, 1)
        middle = round(index * slot + slot / 2, 1)
        parts.append(
            f'<rect class="chart-bar" x="{x}" y="{round(base - height, 1)}" '
            f'width="{round(slot * 0.6, 1)}" height="{height}" data-value="{value}"/>'
            f'<text class="chart-value" x="{middle}" y="{round(base - height - 4, 1)}" '
            f'text-anchor="middle">{_number(value)}</text>'
            f'<text class="chart-label" x="{middle}" y="{COLUMN_HEIGHT - 6}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    if marker is not None and 0 <= marker < len(values):
        x = round(marker * slot, 1)
        parts.append(
            f'<line class="chart-marker" x1="{x}" y1="0" x2="{x}" y2="{base}" '
            f'stroke-dasharray="4 3"/>'
            f'<text class="chart-marker-label" x="{x - 3}" y="12" text-anchor="end">'
            f"{escape(marker_label)}</text>"
        )
    parts.append("</svg>")
    # Safe: every label and title is escaped above, the rest are numbers.
    return mark_safe("".join(parts))


def bar_svg(*, key: str, title: str, labels: Sequence[str], values: Sequence[int]) -> SafeString:
    """Horizontal bars, one per label (a category) written above its bar, each with its
    value at its end; long labels such as a sector's name keep the whole width."""
    height = ROW_HEIGHT * max(len(values), 1) + 4
    unit = _scale(values, WIDTH - VALUE_WIDTH)
    parts = [_open(key, title, height)]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = index * ROW_HEIGHT
        length = round(value * unit, 1)
        parts.append(
            f'<text class="chart-label" x="0" y="{y + 14}">{escape(label)}</text>'
            f'<rect class="chart-bar" x="0" y="{y + 19}" width="{length}" '
            f'height="{BAR_HEIGHT}" data-value="{value}"/>'
            f'<text class="chart-value" x="{length + 4}" y="{y + 19 + BAR_HEIGHT - 2}">'
            f"{_number(value)}</text>"
        )
    parts.append("</svg>")
    # Safe: every label and title is escaped above, the rest are numbers.
    return mark_safe("".join(parts))
