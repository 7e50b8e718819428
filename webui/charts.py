"""Geometry of the attention chart: drawn on the server as inline SVG, so it needs no script and no library.

The SVG stretches to any width (``preserveAspectRatio="none"``, strokes that do not scale); its axis
labels are HTML around it, so they stay readable on a phone. The table behind the chart carries every
number; the chart only shows their shape.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from search.retrieval.attention import Attention

WIDTH, HEIGHT = 1000, 300  # the SVG's own units


@dataclass(frozen=True)
class Column:
    x: float
    width: float
    title: str  # "2021-03: 12 · 4" — every series' value, for a pointer hovering the period
    url: str | None


@dataclass(frozen=True)
class Chart:
    lines: list[list[str]]  # per series: its polyline segments ("x,y x,y"); a gap where a share is undefined
    columns: list[Column]
    y_ticks: list[tuple[float, str]]  # (percent from the top, label)
    top: float  # the value at the top of the axis


def nice_top(value: float) -> float:
    """A round number at or above ``value`` (1, 2, 2.5, 5 × 10^k), so the axis labels read plainly."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power + 1e-12:
            return step * power
    return 10 * power


def build(
    found: Attention,
    measure: str,
    fmt: Callable[[float], str],
    column_url: Callable[[int], str | None],
) -> Chart:
    """Lines for each series (``measure``: "share" or "count"), hover columns, and y ticks."""
    n = len(found.buckets)
    values: list[list[float | None]] = [
        [None if s is None else s * 100 for s in series.shares]
        if measure == "share"
        else [float(c) for c in series.counts]
        for series in found.series
    ]
    top = nice_top(max((v for vs in values for v in vs if v is not None), default=0.0))
    if measure == "share":
        top = min(top, 100.0)
    step = WIDTH / n if n else WIDTH

    def x(i: int) -> float:
        return round(step * (i + 0.5), 2)

    def y(v: float) -> float:
        return round(HEIGHT - v / top * HEIGHT, 2)

    lines = []
    for series_values in values:
        segments: list[list[str]] = []
        current: list[str] = []
        for i, v in enumerate(series_values):
            if v is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append(f"{x(i)},{y(v)}")
        if current:
            segments.append(current)
        # a lone point is drawn as a short level stroke, so one period still shows
        lines.append([" ".join(s) if len(s) > 1 else f"{s[0]} {_nudge(s[0], step)}" for s in segments])
    columns = []
    for i, bucket in enumerate(found.buckets):
        shown = " · ".join("—" if vs[i] is None else fmt(vs[i]) for vs in values)  # type: ignore[arg-type]
        columns.append(Column(round(step * i, 2), round(step, 2), f"{bucket.key}: {shown}", column_url(i)))
    ticks = [(0.0, fmt(top)), (50.0, fmt(top / 2)), (100.0, fmt(0))]
    return Chart(lines, columns, ticks, top)


def _nudge(point: str, step: float) -> str:
    px, py = (float(p) for p in point.split(","))
    return f"{round(px + min(step / 3, 6), 2)},{py}"
