import re

import pytest
from django.utils import translation

from ctc.charts import PLOT_WIDTH, bar_chart


def _bars(html):
    return [
        {name: float(value) for name, value in re.findall(r' (x|width)="([\d.]+)"', rect)}
        for rect in re.findall(r'<rect x="[^>]*>', html)
    ]


def test_bar_chart_scales_the_largest_total_to_the_plot_width():
    with translation.override("en"):
        html = bar_chart(
            title="Reporting",
            series=["1373", "1624"],
            rows=[("Africa", [30, 10]), ("Europe", [20, 0])],
        )
    assert _bars(html) == [
        {"x": 0, "width": PLOT_WIDTH * 30 / 40},
        {"x": PLOT_WIDTH * 30 / 40, "width": PLOT_WIDTH * 10 / 40},
        {"x": 0, "width": PLOT_WIDTH * 20 / 40},
    ]
    assert re.findall(r'<td class="chart-total">(\d+)</td>', html) == ["40", "20"]
    assert 'aria-label="1373 30, 1624 10"' in html


def test_bar_chart_words_are_html_and_bars_grow_from_the_right_in_arabic():
    with translation.override("ar"):
        html = bar_chart(title="الإبلاغ", series=["أ"], rows=[("أفريقيا", [5]), ("آسيا", [10])])
    assert _bars(html) == [
        {"x": PLOT_WIDTH / 2, "width": PLOT_WIDTH / 2},
        {"x": 0, "width": PLOT_WIDTH},
    ]
    # Text inside an SVG would be laid out letter by letter in a PDF: none there.
    assert '<th scope="row" class="chart-label">أفريقيا</th>' in html
    assert "<text" not in html


def test_bar_chart_escapes_labels():
    html = bar_chart(title="<b>", series=["a"], rows=[("<script>", [1])])
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_bar_chart_with_no_figures_draws_no_bar():
    html = bar_chart(title="t", series=["a", "b"], rows=[("x", [0, 0])])
    assert _bars(html) == []


def test_bar_chart_refuses_a_row_without_a_figure_per_series():
    with pytest.raises(ValueError):
        bar_chart(title="t", series=["a", "b"], rows=[("x", [1])])
