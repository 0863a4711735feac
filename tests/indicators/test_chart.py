"""The trend chart: bars in proportion to the figures and the target, every figure in the
description too, and a protected "fewer than 5" drawn as no bar but said in words."""

import datetime

from heard.core.suppression import SMALL
from heard.indicators.chart import HEIGHT, trend_chart
from heard.indicators.measures import measure_for
from heard.indicators.models import Indicator
from heard.indicators.progress import Point, Progress, Status


def _point(month, value, status=Status.RED):
    start = datetime.date(2026, month, 1)
    return Point(start, start + datetime.timedelta(days=89), value, status)


def test_bars_follow_the_figures_and_the_target():
    indicator = Indicator(name="Active", measure="active_young_people", target=100)
    trend = (_point(1, 0), _point(4, SMALL), _point(7, 50), _point(10, 200, Status.GREEN))
    progress = Progress(indicator, measure_for("active_young_people"), trend[-1], False, trend)
    chart = trend_chart(progress)
    heights = [bar.height for bar in chart.bars]
    assert heights[0] == heights[1] == 0
    assert heights[3] == 4 * heights[2] > 0
    assert chart.bars[1].value_text == "Fewer than 5"
    assert chart.bars[3].status == "green"
    assert chart.baseline - chart.target_y == 2 * heights[2]  # the target: half the tallest
    assert chart.baseline < HEIGHT
    assert chart.description.startswith("Target 100. Jan to Mar 2026: 0; Apr to Jun 2026: ")
    assert "Fewer than 5" in chart.description and chart.title == "Active: the last four quarters"


def test_a_share_reads_in_per_cent():
    indicator = Indicator(name="Fed back", measure="views_fed_back", target=85)
    trend = (_point(1, None, Status.UNKNOWN), _point(4, 40.0), _point(7, 90.0), _point(10, 0.0))
    progress = Progress(indicator, measure_for("views_fed_back"), trend[-1], True, trend)
    chart = trend_chart(progress)
    assert [bar.value_text for bar in chart.bars] == ["No figure yet", "40%", "90%", "0%"]
    assert "Target 85%." in chart.description
