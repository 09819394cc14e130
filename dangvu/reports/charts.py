"""Charts as PNG images for the DOCX, drawn by matplotlib without a display (the Agg
backend: the server has none), and as SVG with their numbers for the report page."""

import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from dangvu.common.charts import Chart as WebChart
from dangvu.common.charts import bar_svg
from dangvu.reports.model import Chart

DPI = 150
LABEL_WIDTH = 12


def chart_png(chart: Chart) -> bytes:
    """CHART as a bar chart, each bar labelled with its value."""
    # Fixed margins, not matplotlib's constrained layout: measuring every label to place
    # the axes took half of the drawing, and a third of the annual report's DOCX time.
    # Long labels wrap under their bar instead (a slot holds about 12 characters at 8 pt).
    labels = [textwrap.fill(label, LABEL_WIDTH) for label in chart.labels]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    figure = Figure(figsize=(6.4, 3.2), dpi=DPI)
    figure.subplots_adjust(left=0.08, right=0.98, top=0.88, bottom=0.08 + 0.05 * lines)
    axes = figure.subplots()
    bars = axes.bar(labels, chart.values, color="#B22222")
    axes.bar_label(bars, fmt="%g", fontsize=8)
    axes.set_title(chart.title, fontsize=11)
    axes.tick_params(axis="x", labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def chart_for_web(chart: Chart, key: str) -> WebChart:
    """CHART as the web pages draw it: bars in SVG (`common.charts`) and its numbers as a
    table."""
    values = [round(value) for value in chart.values]
    svg = bar_svg(key=key, title=chart.title, labels=chart.labels, values=values)
    rows = [(label, [value]) for label, value in zip(chart.labels, values, strict=True)]
    return WebChart(key, chart.title, (_("Nội dung"), _("Số lượng")), rows, svg)
