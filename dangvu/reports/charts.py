"""Charts as PNG images for the DOCX, drawn by matplotlib without a display (the Agg
backend: the server has none), and as SVG with their numbers for the report page."""

import io

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from dangvu.common.charts import Chart as WebChart
from dangvu.common.charts import bar_svg
from dangvu.reports.model import Chart

DPI = 150


def chart_png(chart: Chart) -> bytes:
    """CHART as a bar chart, each bar labelled with its value."""
    figure = Figure(figsize=(6.4, 3.2), dpi=DPI, layout="constrained")
    axes = figure.subplots()
    bars = axes.bar(chart.labels, chart.values, color="#B22222")
    axes.bar_label(bars, fmt="%g", fontsize=8)
    axes.set_title(chart.title, fontsize=11)
    axes.tick_params(axis="x", labelsize=8, labelrotation=20 if len(chart.labels) > 5 else 0)
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
