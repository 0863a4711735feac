"""The periods a report covers: a quarter, or a partnership year (1 April to 31 March)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from heard.core import disclosure, years

QUARTER = "quarter"
YEAR = "year"
#: How many past periods the Reports page offers of each kind.
QUARTERS_OFFERED = 8
YEARS_OFFERED = 3


@dataclass(frozen=True)
class ReportPeriod:
    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        if self.kind == YEAR:
            return f"April {self.start.year} to March {self.end.year}"
        return f"{self.start:%B} to {self.end:%B %Y}"

    @property
    def value(self) -> str:
        return self.start.isoformat()


def quarter_starting(start: datetime.date) -> ReportPeriod:
    first, last = disclosure.quarter_of(start)
    return ReportPeriod(QUARTER, first, last)


def year_starting(start: datetime.date) -> ReportPeriod:
    first = years.year_start(start)
    return ReportPeriod(YEAR, first, first.replace(year=first.year + 1) - datetime.timedelta(1))


def offered(kind: str, today: datetime.date) -> list[ReportPeriod]:
    """The periods to choose from, newest first: the current one and those before it."""
    out: list[ReportPeriod] = []
    if kind == YEAR:
        start = years.year_start(today)
        for _ in range(YEARS_OFFERED):
            out.append(year_starting(start))
            start = start.replace(year=start.year - 1)
        return out
    day = today
    for _ in range(QUARTERS_OFFERED):
        period = quarter_starting(day)
        out.append(period)
        day = period.start - datetime.timedelta(days=1)
    return out


def parse(kind: str, start: str, today: datetime.date) -> ReportPeriod | None:
    """The offered period of ``kind`` starting on ``start`` (ISO), or None."""
    for period in offered(kind, today) if kind in (QUARTER, YEAR) else []:
        if period.value == start:
            return period
    return None
