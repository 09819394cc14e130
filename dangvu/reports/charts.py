"""Charts as PNG images for the DOCX and the web, drawn by matplotlib without a display
(the Agg backend: the server has none)."""

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

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
