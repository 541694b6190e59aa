"""Charts drawn on the server as SVG: the same markup on a page and in a PDF, no JavaScript.

A chart is horizontal bars, one row per label, each bar split into the series (stacked), with
the figures written beside the bars and in a legend, so that it reads without colour and
mirrors for right-to-left languages. Call `bar_chart()` and put the result in a template.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format
from django.utils.safestring import SafeString

# Colour-blind-safe (Okabe–Ito), each at least 3:1 against white.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#5b6673")

ROW_HEIGHT = 22
BAR_HEIGHT = 14
LABEL_WIDTH = 200
FIGURE_WIDTH = 56
LEGEND_ROW = 20


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    value: int
    series: str


@dataclass(frozen=True)
class Row:
    y: float
    bar_y: float
    label: str
    label_x: float
    total: int
    total_x: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class LegendEntry:
    x: float
    y: float
    swatch_x: float
    colour: str
    label: str


def bar_chart(
    *,
    title: str,
    series: list[str],
    rows: list[tuple[str, list[int]]],
    width: int = 640,
) -> SafeString:
    """An SVG of `rows` (label, one figure per series) as stacked horizontal bars, scaled to
    the largest total; mirrored when the active language is right-to-left."""
    if any(len(values) != len(series) for _, values in rows):
        raise ValueError("Each row needs one figure per series.")
    rtl = translation.get_language_bidi()
    plot_width = width - LABEL_WIDTH - FIGURE_WIDTH
    largest = max((sum(values) for _, values in rows), default=0) or 1
    scale = plot_width / largest

    def x(start: float, length: float = 0) -> float:
        # Left to right the plot starts after the labels; right to left it ends before them.
        if rtl:
            return width - LABEL_WIDTH - start - length
        return LABEL_WIDTH + start

    drawn = []
    for index, (label, values) in enumerate(rows):
        y = index * ROW_HEIGHT
        start = 0.0
        segments = []
        for number, value in enumerate(values):
            length = value * scale
            if value:
                segments.append(
                    Segment(
                        x=round(x(start, length), 2),
                        width=round(length, 2),
                        colour=PALETTE[number % len(PALETTE)],
                        value=value,
                        series=series[number],
                    )
                )
            start += length
        total = sum(values)
        drawn.append(
            Row(
                y=y,
                bar_y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                label=label,
                label_x=(width - 6) if rtl else 6,
                total=total,
                total_x=round(x(start) - 4 if rtl else x(start) + 4, 2),
                segments=tuple(segments),
            )
        )
    legend_y = len(rows) * ROW_HEIGHT + 8
    legend = []
    for number, name in enumerate(series):
        y = legend_y + number * LEGEND_ROW
        legend.append(
            LegendEntry(
                x=(width - 24) if rtl else 24,
                y=y,
                swatch_x=(width - 16) if rtl else 6,
                colour=PALETTE[number % len(PALETTE)],
                label=name,
            )
        )
    height = legend_y + len(series) * LEGEND_ROW
    summary = "; ".join(
        f"{label}: "
        + ", ".join(
            f"{name} {number_format(value)}" for name, value in zip(series, values, strict=True)
        )
        for label, values in rows
    )
    return render_to_string(
        "charts/bars.html",
        {
            "title": title,
            "summary": summary,
            "width": width,
            "height": height,
            "rows": drawn,
            "legend": legend,
            "rtl": rtl,
            "bar_height": BAR_HEIGHT,
        },
    )
