"""Independent reads run side by side on connections of their own (a report's indicators).

A report reads some fifty independent figures; one after the other they keep one database core
busy while the others idle. :func:`map_reads` runs ``work`` over ``items`` in ``threads`` threads,
each with its own database connection (Django's connections are per thread), closed when the
thread's share is done, in the caller's context (``contextvars``: the report's shared figures and
the read replica's routing apply in every thread). Results come back in the items' order; the
first error is raised.

Only where it is safe and worth it (:func:`reads_may_run_side_by_side`): PostgreSQL, outside any
transaction (a thread's connection would not see the caller's uncommitted rows: inside one, as in
tests, the reads stay in the caller's thread), and more than one thread configured
(``HEARD_REPORT_THREADS``, 2 by default). Each read is its own snapshot, as it is one after the
other in autocommit.
"""

from __future__ import annotations

import contextvars
import queue
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, connections

Item = TypeVar("Item")
Result = TypeVar("Result")


def threads_configured() -> int:
    return max(1, int(getattr(settings, "HEARD_REPORT_THREADS", 2)))


def reads_may_run_side_by_side() -> bool:
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and threads_configured() > 1
    )


def map_reads(
    work: Callable[[Item], Result], items: Sequence[Item], *, threads: int | None = None
) -> list[Result]:
    """``[work(item) for item in items]``, in threads where :func:`reads_may_run_side_by_side`
    (or ``threads`` given), else in this one."""
    count = threads if threads is not None else threads_configured()
    if len(items) < 2 or count < 2 or (threads is None and not reads_may_run_side_by_side()):
        return [work(item) for item in items]
    pending: queue.SimpleQueue[tuple[int, Item]] = queue.SimpleQueue()
    for pair in enumerate(items):
        pending.put(pair)
    results: dict[int, Result] = {}

    def drain() -> None:
        try:
            while True:
                try:
                    index, item = pending.get_nowait()
                except queue.Empty:
                    return
                results[index] = work(item)
        finally:
            connections.close_all()  # this thread's own connections

    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="heard-reads") as pool:
        futures = [
            pool.submit(contextvars.copy_context().run, drain)
            for _ in range(min(count, len(items)))
        ]
        errors: list[Any] = [future.exception() for future in futures]
    for error in errors:
        if error is not None:
            raise error
    return [results[index] for index in range(len(items))]
