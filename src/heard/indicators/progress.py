"""An indicator's value, status and trend as one reader may see them (ADR 0008).

**Exact** for a reader who may open every record behind the figure (programme staff and theme
leads, ``heard.core.disclosure.is_exact``): the true figure over the indicator's period to
today, and the trend over this quarter and the three before it.

**Protected** for everyone else (board members): fixed reporting periods only (the partnership
year to the end of the last complete quarter, or the last complete quarter) and the last four
complete quarters for the trend; every count of children is a cell of its own, rounded by the
cell key of the young people (views) it counts, and shares are worked out from the protected
counts (so tell nothing more). The same young people show the same figure in every indicator,
quarter and filter, and the figures of two filters differ by a multiple of 5, so comparing
outputs does not recover a count under 5. Counts of staff work (sessions, groups) are plain
numbers for everyone (ADR 0004). The status is worked out from the figure shown.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode

from heard.core import disclosure, years
from heard.core.disclosure import Cell
from heard.core.suppression import SMALL, WITHHELD, Display
from heard.indicators.measures import Figure, Filters, Measure, Period, Unit, measure_for
from heard.indicators.models import Indicator


class Status(enum.Enum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "green": "On target",
            "amber": "Close to target",
            "red": "Below target",
            "unknown": "Not known",
        }[self.value]

    @property
    def colour(self) -> str:
        """The GOV.UK tag colour it is shown in (``govuk-tag--<colour>``)."""
        return {"green": "green", "amber": "yellow", "red": "red", "unknown": "grey"}[self.value]


@dataclass(frozen=True)
class Point:
    """One figure of an indicator: its period, the figure shown and its status."""

    start: datetime.date
    end: datetime.date
    value: Display | float | None
    status: Status

    @property
    def label(self) -> str:
        return f"{self.start:%b} to {self.end:%b %Y}"


@dataclass(frozen=True)
class Progress:
    indicator: Indicator
    measure: Measure
    current: Point
    exact: bool
    trend: tuple[Point, ...] = ()

    @property
    def is_share(self) -> bool:
        return self.measure.is_share

    @property
    def target_text(self) -> str:
        return shown_text(self.indicator.target, share=self.is_share)

    @property
    def value_text(self) -> str:
        return shown_text(self.current.value, share=self.is_share)

    @property
    def records_url(self) -> str:
        """The list of the records it counts, filtered the same way as far as the list can be
        (empty when no list shows them)."""
        if self.measure.records is None:
            return ""
        period = Period(self.current.start, self.current.end)
        name, query = self.measure.records(period, Filters.of(self.indicator))
        return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


def shown_text(value: Display | float | None, *, share: bool) -> str:
    if value is None:
        return "No figure yet"
    if isinstance(value, str):
        return value.capitalize() if value == SMALL else "Withheld"
    if share:
        return f"{round(float(value))}%"
    return f"{int(value):,}"


def status_of(indicator: Indicator, value: Display | float | None) -> Status:
    """Green at or above the target; amber within ``amber_within`` per cent of it; red below.
    "Fewer than 5" (1 to 4) has a status only when every count it may be has the same one."""
    if value is None or value == WITHHELD:
        return Status.UNKNOWN
    if value == SMALL:
        least, most = _status(indicator, 1), _status(indicator, disclosure.THRESHOLD - 1)
        return least if least is most else Status.UNKNOWN
    return _status(indicator, float(value))


def _status(indicator: Indicator, number: float) -> Status:
    target = indicator.target
    if number >= target:
        return Status.GREEN
    if number >= target * (100 - indicator.amber_within) / 100:
        return Status.AMBER
    return Status.RED


def _share(top: Display, whole: Display) -> float | str | None:
    if whole == 0:
        return None
    if isinstance(top, int) and isinstance(whole, int):
        return min(100 * top / whole, 100.0)
    return 0.0 if top == 0 else WITHHELD


def figure_shown(measure: Measure, figure: Figure, *, exact: bool) -> Display | float | None:
    """A measure's figure as the reader sees it."""
    if measure.unit is Unit.WORK:
        return figure.count.count
    if measure.unit is Unit.YOUNG_PEOPLE:
        return disclosure.shown(figure.count, exact=exact)
    whole = figure.whole or Cell(0)
    if measure.unit is Unit.WORK_SHARE:
        return _share(figure.count.count, whole.count)
    return _share(disclosure.shown(figure.count, exact=exact), disclosure.shown(whole, exact=exact))


def periods(
    indicator: Indicator, *, exact: bool, today: datetime.date
) -> tuple[Period, list[Period]]:
    """The indicator's period for this reader, and the four quarters of its trend, oldest
    first."""
    if exact:
        last = today
        if indicator.period == Indicator.Period.QUARTER:
            current = Period(disclosure.quarter_of(today)[0], today)
        else:
            current = Period(years.year_start(today), today)
    else:
        last = disclosure.last_complete_quarter_end(today)
        if indicator.period == Indicator.Period.QUARTER:
            current = Period(*disclosure.quarter_of(last))
        else:
            current = Period(*disclosure.default_period(today))
    quarters: list[Period] = []
    end = last
    for _ in range(4):
        start = disclosure.quarter_of(end)[0]
        quarters.append(Period(start, end))
        end = start - datetime.timedelta(days=1)
    return current, list(reversed(quarters))


def is_exact_for(user: Any) -> bool:
    """Indicators cover the partnership: exact only for readers of every record."""
    return disclosure.is_exact(user)


def progress(
    indicator: Indicator, *, user: Any, today: datetime.date, trend: bool = False
) -> Progress:
    """The indicator's figure for ``user`` (and with ``trend``, its last four quarters)."""
    measure = measure_for(indicator.measure)
    if measure is None:  # a measure taken out of the library since
        raise LookupError(f"No measure {indicator.measure!r} in the library")
    exact = is_exact_for(user)
    current, quarters = periods(indicator, exact=exact, today=today)
    filters = Filters.of(indicator)

    def point(period: Period) -> Point:
        value = figure_shown(measure, measure.compute(period, filters), exact=exact)
        return Point(period.start, period.end, value, status_of(indicator, value))

    points = tuple(point(quarter) for quarter in quarters) if trend else ()
    return Progress(indicator, measure, point(current), exact, points)
