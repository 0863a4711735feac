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


def insert_select(
    model: Any,
    columns: Any,
    rows: Any,
    *,
    true_when_positive: tuple[str, ...] = (),
) -> None:
    """Write the rows a queryset gives into ``model``'s table in one ``INSERT ... SELECT``.

    ``columns`` pairs each column of the table with the alias of ``rows`` (a ``values()``
    queryset) that fills it; an alias in ``true_when_positive`` is written as ``alias > 0``, a
    boolean on PostgreSQL and 0 or 1 on SQLite, what each stores. The summaries and read models
    that must be what grouping their records gives are written this way."""
    from django.db import connection

    sql, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column, _ in columns)
    selected = ", ".join(
        f"{quote(alias)} > 0" if alias in true_when_positive else quote(alias)
        for _, alias in columns
    )
    # Names are the model's own and the query is Django's, with its parameters passed apart.
    statement = f"INSERT INTO {table} ({names}) SELECT {selected} FROM ({sql}) selected"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
