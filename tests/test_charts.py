import re

import pytest
from django.utils import translation

from ctc.charts import LABEL_WIDTH, bar_chart


def _rects(svg):
    return [
        {name: float(value) for name, value in re.findall(r'(x|width)="([\d.]+)"', rect)}
        for rect in re.findall(r"<rect [^>]*>", svg)
        if 'height="14"' in rect
    ]


def test_bar_chart_scales_the_largest_total_to_the_plot_width():
    with translation.override("en"):
        svg = bar_chart(
            title="Reporting",
            series=["1373", "1624"],
            rows=[("Africa", [30, 10]), ("Europe", [20, 0])],
            width=656,
        )
    plot = 656 - LABEL_WIDTH - 56
    assert _rects(svg) == [
        {"x": LABEL_WIDTH, "width": plot * 30 / 40},
        {"x": LABEL_WIDTH + plot * 30 / 40, "width": plot * 10 / 40},
        {"x": LABEL_WIDTH, "width": plot * 20 / 40},
    ]
    assert "<desc>Africa: 1373 30, 1624 10; Europe: 1373 20, 1624 0</desc>" in svg


def test_bar_chart_mirrors_in_arabic():
    with translation.override("ar"):
        svg = bar_chart(title="t", series=["a"], rows=[("x", [5])], width=656)
    plot = 656 - LABEL_WIDTH - 56
    assert _rects(svg) == [{"x": 656 - LABEL_WIDTH - plot, "width": plot}]
    assert 'text-anchor="end"' in svg


def test_bar_chart_escapes_labels():
    svg = bar_chart(title="<b>", series=["a"], rows=[("<script>", [1])])
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_bar_chart_with_no_figures_draws_no_bar():
    svg = bar_chart(title="t", series=["a", "b"], rows=[("x", [0, 0])])
    assert _rects(svg) == []


def test_bar_chart_refuses_a_row_without_a_figure_per_series():
    with pytest.raises(ValueError):
        bar_chart(title="t", series=["a", "b"], rows=[("x", [1])])
