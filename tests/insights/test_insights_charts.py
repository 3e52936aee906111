"""The chart model drawn as SVG, PNG and CSV: escaping, tooltips, axis steps, series folding."""

import io
from datetime import date, timedelta

import pytest
from PIL import Image

from crossnote.insights.charts import Chart, Series, nice_max, render_csv, render_svg, top_series
from crossnote.insights.png import render_png

DAYS = [date(2025, 1, 13) + timedelta(days=i) for i in range(3)]


def chart(kind="line", **kw) -> Chart:
    defaults = {
        "name": "t",
        "title": "Sign-ups <b>& more</b>",
        "kind": kind,
        "x": DAYS,
        "series": [Series("中文 <x>", [1, 2, None]), Series("English", [3, 0, 4])],
        "x_label": "Day",
        "y_label": "People",
    }
    return Chart(**{**defaults, **kw})


def test_svg_is_accessible_and_escapes_every_label():
    svg = render_svg(chart())
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="chart-t-title">Sign-ups &lt;b&gt;&amp; more&lt;/b&gt;</title>' in svg
    assert "<b>" not in svg and "<x>" not in svg
    assert "中文 &lt;x&gt;, 01-14: 2</title>" in svg  # a tooltip per point
    assert svg.count("<circle") == 5  # the unknown value is not drawn


def test_stacked_area_has_a_tooltip_band_per_day_and_heatmap_a_cell_each():
    svg = render_svg(chart("area"))
    assert svg.count("<polygon") == 2 and svg.count('class="hover-band"') == 3
    heat = chart("heatmap", x=["W1", "W2"], series=[Series("01-13 (4)", [0.5, None])], percent=True)
    svg = render_svg(heat)
    assert svg.count("<rect") == 2 and ">50%<" in svg


def test_an_empty_chart_says_so():
    empty = chart(series=[Series("a", [0, 0, 0])], empty_text="Nothing yet")
    assert "Nothing yet" in render_svg(empty)


@pytest.mark.parametrize("value,top", [(0, 4), (3, 4), (5, 8), (9, 20), (97, 100), (388, 400)])
def test_count_axes_have_four_whole_steps(value, top):
    assert nice_max(value, False) == top
    assert (nice_max(value, False) / 4).is_integer()


def test_csv_has_a_row_per_day_and_png_is_an_image():
    rows = render_csv(chart()).splitlines()
    assert rows[0] == "Day,中文 <x>,English"
    assert rows[1:] == ["2025-01-13,1,3", "2025-01-14,2,0", "2025-01-15,,4"]
    image = Image.open(io.BytesIO(render_png(chart("area"))))
    assert image.format == "PNG" and image.size[0] > 1000


def test_small_series_fold_into_other():
    series = {f"k{i}": [i, 1] for i in range(10)}
    folded = top_series(series, other="Other")
    assert len(folded) == 8 and folded[0].label == "k9"
    assert folded[-1].label == "Other" and folded[-1].values == [0 + 1 + 2, 3]
