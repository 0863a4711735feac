"""The partnership year: 1 April to 31 March, named by the year it starts in (2026 is 2026-27).

The home counts, reach, themes' periods, the journey, the summaries and the generator all use
these, in Python and (``year_of``) in SQL.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, IntegerField, Value, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import ExtractYear

STARTS_IN_MONTH = 4


def partnership_year(day: datetime.date) -> int:
    """The year in which the partnership year holding ``day`` starts: 2026 for 2026-27."""
    return day.year if day.month >= STARTS_IN_MONTH else day.year - 1


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of partnership year ``year``."""
    return (
        datetime.date(year, STARTS_IN_MONTH, 1),
        datetime.date(year + 1, STARTS_IN_MONTH, 1) - datetime.timedelta(days=1),
    )


def year_start(day: datetime.date) -> datetime.date:
    """The first day of the partnership year holding ``day``."""
    return year_bounds(partnership_year(day))[0]


def year_label(year: int) -> str:
    """Partnership year ``year`` as the partnership writes it: 2026-27."""
    return f"{year}-{(year + 1) % 100:02d}"


def year_of(field: str) -> CombinedExpression:
    """``partnership_year`` of the date column ``field``, in SQL."""
    return ExtractYear(field) - Case(
        When(**{f"{field}__month__lt": STARTS_IN_MONTH}, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
