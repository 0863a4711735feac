"""Figures that several measures read, computed once within a block (a report's).

A report reads many indicators over the same quarters: inside :func:`sharing_loop_figures`, each
shared computation (the loop figures of a period, the schools represented, a horizon's figures day
by day or by quarter) runs once, in whichever thread asks first, and answers every measure that
reads it. Nothing is kept past the block.
"""

from __future__ import annotations

import dataclasses
import datetime
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from heard.core.disclosure import Cell
from heard.indicators.measures import Figure, Filters, Period

#: While :func:`sharing_loop_figures` is in force, figures already computed, by what computed
#: them and its arguments: the measures that read one computation (the loop's "responded" and
#: "fed back", the schools' attendances and unique schools) run it once.
_SHARED: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("shared_figures", default=None)


#: The span a :func:`sharing_loop_figures` block will read (a report's quarters), if it says.
_HORIZON: ContextVar[Period | None] = ContextVar("figures_horizon", default=None)


@contextmanager
def sharing_loop_figures(horizon: Period | None = None) -> Iterator[None]:
    """Within the block, each computation that several measures read (the loop figures of a
    period, theme and organisation; the schools represented in a period's sessions) runs once
    (a report that reads them over the same quarters). ``horizon``: every period the block will
    ask about lies in it, so a computation may read the whole span once and answer each period
    from it. Only for one read of the data: nothing is kept past the block."""
    token = _SHARED.set({})
    horizon_token = _HORIZON.set(horizon)
    try:
        yield
    finally:
        _HORIZON.reset(horizon_token)
        _SHARED.reset(token)


def horizon_over(period: Period) -> Period | None:
    """The block's horizon if ``period`` lies in it (None outside a block or beyond it)."""
    horizon = _HORIZON.get()
    if horizon is None or _SHARED.get() is None:
        return None
    return horizon if horizon.start <= period.start and period.end <= horizon.end else None


class _Entry:
    """A shared computation: computed once, whichever thread asks first (a report may read its
    indicators in threads: ``heard.core.concurrent``)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done = False
        self.value: Any = None


_ENTRIES = threading.Lock()


def shared(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave for ``key`` earlier in the same :func:`sharing_loop_figures`
    block (in any of its threads: the others wait for the first)."""
    memo = _SHARED.get()
    if memo is None:
        return compute()
    with _ENTRIES:
        entry = memo.setdefault(key, _Entry())
    with entry.lock:
        if not entry.done:
            entry.value, entry.done = compute(), True
    return entry.value


def by_day(
    period: Period,
    filters: Filters,
    daily: Callable[[Period, Filters], dict[datetime.date, Figure]],
    *,
    share: bool = False,
) -> Figure | None:
    """In a report (a block with a horizon), the period's figure summed from one read of the
    horizon's figures day by day (``daily``): one query for the four quarters, not one each.
    Only for figures of distinct records, each on one day (sessions, evaluations), whose
    counts and keys add up. None outside a report, for the caller to compute the one figure."""
    horizon = horizon_over(period)
    if horizon is None:
        return None
    table = shared((daily.__name__, horizon, filters), lambda: daily(horizon, filters))
    count, whole = Cell(0), Cell(0)
    for day, figure in table.items():
        if period.start <= day <= period.end:
            count = count + figure.count
            whole = whole + (figure.whole or Cell(0))
    return Figure(count, whole=whole if share else None)


def one_of_many(
    name: str,
    period: Period,
    filters: Filters,
    grouped: Callable[[Period, Filters], dict[Any, Cell]],
) -> Cell | None:
    """Within a :func:`sharing_loop_figures` block, the cell for the filter ``name``'s value,
    from one ``grouped`` computation over all its values (a report's indicators per
    organisation or theme: one query a period, not one each); None outside a block or with no
    value for ``name``, for the caller to compute the one cell (the same figure: tests)."""
    value = getattr(filters, name)
    if value is None or _SHARED.get() is None:
        return None
    rest = dataclasses.replace(filters, **{name: None})  # type: ignore[arg-type]
    table = shared((grouped.__name__, period, rest), lambda: grouped(period, rest))
    return table.get(value, Cell(0))
