"""The SVG charts: numbers in, markup out, no database."""

import re
from xml.etree import ElementTree

import pytest

from dangvu.common.charts import COLUMN_HEIGHT, VALUE_WIDTH, WIDTH, bar_svg, column_svg

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ElementTree.Element:
    # The markup omits the namespace (HTML5 adds it); parsing needs it.
    return ElementTree.fromstring(svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def _bars(svg: str) -> list[dict[str, float]]:
    return [
        {name: float(rect.get(name, 0)) for name in ("x", "y", "width", "height", "data-value")}
        for rect in _parse(svg).iter(f"{SVG}rect")
    ]


@pytest.mark.parametrize(
    ("values", "heights"),
    [
        ([0, 0, 0], [0, 0, 0]),
        ([10, 5, 0], [162, 81, 0]),
        ([1, 3], [54, 162]),
        ([7], [162]),
    ],
)
def test_column_heights_are_proportional_and_the_largest_fills_the_room(
    values: list[int], heights: list[float]
) -> None:
    svg = column_svg(key="k", title="T", labels=[str(v) for v in values], values=values)

    assert [bar["height"] for bar in _bars(svg)] == heights
    assert all(bar["y"] + bar["height"] == COLUMN_HEIGHT - 22 for bar in _bars(svg))
    assert [bar["data-value"] for bar in _bars(svg)] == values


@pytest.mark.parametrize(
    ("values", "lengths"),
    [
        ([0, 0], [0, 0]),
        ([4, 2, 1], [340, 170, 85]),
    ],
)
def test_bar_lengths_are_proportional_and_leave_room_for_the_value(
    values: list[int], lengths: list[float]
) -> None:
    svg = bar_svg(key="k", title="T", labels=["a"] * len(values), values=values)

    assert [bar["width"] for bar in _bars(svg)] == lengths
    assert {bar["x"] for bar in _bars(svg)} == {0}
    assert max(lengths) <= WIDTH - VALUE_WIDTH


def test_a_marker_is_a_dashed_line_before_its_column_with_its_label() -> None:
    svg = column_svg(
        key="k", title="T", labels=["2024", "2025"], values=[1, 2], marker=1, marker_label="Mốc"
    )

    line = _parse(svg).find(f"{SVG}line[@class='chart-marker']")
    assert line is not None and line.get("x1") == str(WIDTH / 2)
    assert "Mốc" in svg


def test_no_marker_outside_the_columns() -> None:
    svg = column_svg(key="k", title="T", labels=["2024"], values=[1], marker=3, marker_label="Mốc")

    assert "chart-marker" not in svg


def test_labels_and_titles_are_escaped_and_the_chart_is_an_accessible_image() -> None:
    svg = bar_svg(key="k", title="<b>T</b>", labels=["<script>x</script>"], values=[1])

    assert "<script>" not in svg and "<b>" not in svg
    root = _parse(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-k-title"
    assert root.findtext(f"{SVG}title") == "<b>T</b>"


def test_values_are_written_with_the_locales_grouping() -> None:
    from django.utils import translation

    with translation.override("vi"):
        svg = bar_svg(key="k", title="T", labels=["a"], values=[12345])

    assert re.search(r">12\.345<", svg)


def test_no_style_attribute_or_script_is_emitted() -> None:
    svg = column_svg(key="k", title="T", labels=["a"], values=[1], marker=0, marker_label="m")
    svg += bar_svg(key="k", title="T", labels=["a"], values=[1])

    assert "style=" not in svg and "<script" not in svg
