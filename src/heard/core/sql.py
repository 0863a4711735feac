"""SQL expressions Heard's selectors share, written once for its two databases."""

from __future__ import annotations

from typing import Any

from django.db.models import Aggregate, FloatField, Func, IntegerField


class DaysBetween(Func):
    """Whole days from the second date to the first (``later - earlier``), as an integer.

    PostgreSQL subtracts dates as integers; SQLite keeps dates as text, so it goes through
    ``julianday`` (rounded, so a date read as a moment still counts whole days). Heard runs on
    these two databases only; ``tests/groups/test_calendar_sql.py`` checks the two agree.
    """

    arity = 2
    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``: the median of the (non-null) values."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
