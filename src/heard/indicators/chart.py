"""An indicator's trend as a bar chart drawn on the server (SVG; no script, no inline style).

The chart is one carrier of the figures, never the only one: the page shows them as a table
beside it, and the SVG has a title and a description that says them in words. A protected
"fewer than 5" is drawn as no bar, with its words under the axis like every other figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from heard.indicators.progress import Point, Progress, shown_text

WIDTH = 320
HEIGHT = 200
#: Room for the figures above the bars and the quarters' names below them.
TOP = 24
BOTTOM = 44
LEFT = 8
BAR_GAP = 16


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    centre: float
    label: str
    value_text: str
    status: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    target_y: float
    baseline: float
    title: str
    description: str


def _number(point: Point) -> float:
    return float(point.value) if isinstance(point.value, int | float) else 0.0


def trend_chart(progress: Progress) -> Chart:
    points = progress.trend
    share = progress.is_share
    target = float(progress.indicator.target)
    top = max([target, *(_number(point) for point in points)]) or 1.0
    plot = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    slot = (WIDTH - LEFT * 2) / max(len(points), 1)
    bars = []
    for index, point in enumerate(points):
        height = plot * _number(point) / top
        x = LEFT + index * slot + BAR_GAP / 2
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(baseline - height, 1),
                width=round(slot - BAR_GAP, 1),
                height=round(height, 1),
                centre=round(x + (slot - BAR_GAP) / 2, 1),
                label=f"{point.start:%b}-{point.end:%b %y}",
                value_text=shown_text(point.value, share=share),
                status=point.status.value,
            )
        )
    figures = "; ".join(
        f"{point.label}: {shown_text(point.value, share=share)}" for point in points
    )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        target_y=round(baseline - plot * target / top, 1),
        baseline=baseline,
        title=f"{progress.indicator.name}: the last four quarters",
        description=f"Target {progress.target_text}. {figures}.",
    )
