"""The Beranda's charts as geometry for server-rendered SVG: bars with their place and size in
a fixed view box, and the labels under them. The template draws them with SVG presentation
attributes only (the CSP forbids ``style=``), so a chart costs a few kilobytes and no script."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from server_stub.dashboard import Point, TenderShare

WIDTH = 400
HEIGHT = 170
TOP = 8
BOTTOM = 22
"""Room under the bars for their labels."""


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str
    """Shown on hover and read by screen readers: the label and the amount."""


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    text: str
    anchor: str
    """``start``, ``middle`` or ``end``: the first and last labels stay inside the chart."""


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]
    ticks: list[Tick]
    label_y: float
    empty: bool


def bar_chart(
    points: Sequence[Point],
    *,
    money: Callable[[int], str],
    label: Callable[[str], str] = str,
    every: int = 1,
) -> BarChart:
    """Bars of ``points``' totals; a label under every ``every``-th bar (and the last)."""
    count = max(1, len(points))
    slot = WIDTH / count
    gap = min(4.0, slot * 0.2)
    baseline = HEIGHT - BOTTOM
    top = max((p.total for p in points), default=0)
    scale = (baseline - TOP) / top if top > 0 else 0.0
    bars: list[Bar] = []
    ticks: list[Tick] = []
    for i, p in enumerate(points):
        h = round(max(0, p.total) * scale, 1)
        x = round(i * slot + gap / 2, 1)
        bars.append(Bar(x, round(baseline - h, 1), round(slot - gap, 1), h,
                        f"{label(p.label)}: {money(p.total)} ({p.transactions})"))  # fmt: skip
        if i == 0:
            ticks.append(Tick(0, label(p.label), "start"))
        elif i == len(points) - 1:
            ticks.append(Tick(WIDTH, label(p.label), "end"))
        elif i % every == 0 and i < len(points) - every / 2:
            ticks.append(Tick(round(i * slot + slot / 2, 1), label(p.label), "middle"))
    return BarChart(WIDTH, HEIGHT, baseline, bars, ticks, HEIGHT - 6, top <= 0)


@dataclass(frozen=True, slots=True)
class MixPart:
    kind: str
    amount: int
    count: int
    percent: int
    x: float
    width: float


def payment_mix(shares: Sequence[TenderShare]) -> list[MixPart]:
    """Each tender kind's share of the money taken, as a part of one 100-wide bar."""
    total = sum(max(0, s.amount) for s in shares)
    parts: list[MixPart] = []
    x = 0.0
    for s in shares:
        fraction = max(0, s.amount) / total if total > 0 else 0.0
        width = round(fraction * 100, 2)
        parts.append(MixPart(s.kind, s.amount, s.count, round(fraction * 100), round(x, 2), width))
        x += width
    return parts
