"""Charts drawn on the server: the same markup on a page and in a PDF, no JavaScript.

A chart is a table of horizontal bars, one row per label, each bar split into the series
(stacked) and drawn as SVG, with the figures written beside the bars and in a legend, so that
it reads without colour. The words are HTML, not SVG text: WeasyPrint lays SVG text out one
character at a time, which breaks Arabic; a table also mirrors by itself right to left (the
bars are mirrored here). Call `bar_chart()` and put the result in a template; the `.chart`
styles are in static/css/site.css and the PDF templates.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format
from django.utils.safestring import SafeString

# Colour-blind-safe (Okabe–Ito), each at least 3:1 against white.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#5b6673")
# The bars' own width (SVG user units); the SVG stretches to its cell.
PLOT_WIDTH = 1000


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    value: int
    series: str


@dataclass(frozen=True)
class Row:
    label: str
    total: int
    summary: str  # the row's figures in words, for a screen reader
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str


def bar_chart(*, title: str, series: list[str], rows: list[tuple[str, list[int]]]) -> SafeString:
    """`rows` (label, one figure per series) as stacked horizontal bars, scaled to the largest
    total; the bars grow from the right when the active language is right-to-left."""
    if any(len(values) != len(series) for _, values in rows):
        raise ValueError("Each row needs one figure per series.")
    rtl = translation.get_language_bidi()
    largest = max((sum(values) for _, values in rows), default=0) or 1
    scale = PLOT_WIDTH / largest
    drawn = []
    for label, values in rows:
        start = 0.0
        segments = []
        for number, value in enumerate(values):
            length = value * scale
            if value:
                segments.append(
                    Segment(
                        x=round(PLOT_WIDTH - start - length if rtl else start, 2),
                        width=round(length, 2),
                        colour=PALETTE[number % len(PALETTE)],
                        value=value,
                        series=series[number],
                    )
                )
            start += length
        summary = ", ".join(
            f"{name} {number_format(value)}" for name, value in zip(series, values, strict=True)
        )
        drawn.append(Row(str(label), sum(values), summary, tuple(segments)))
    legend = [
        LegendEntry(PALETTE[number % len(PALETTE)], name) for number, name in enumerate(series)
    ]
    return render_to_string(
        "charts/bars.html",
        {"title": title, "rows": drawn, "legend": legend, "plot_width": PLOT_WIDTH},
    )
