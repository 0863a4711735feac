"""A running job's progress: rows done of a total and a heartbeat, written every
``EVERY_ROWS`` rows or ``EVERY_SECONDS`` seconds, each in its own short transaction.

A runner that reads inside a transaction (an export streams PostgreSQL's rows in one) would hold
its progress back until the end; its writes then go through a connection of their own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.db import connection, connections
from django.utils import timezone

from heard.jobs.models import Job, Status

EVERY_ROWS = 1000
EVERY_SECONDS = 1.0

T = TypeVar("T")


class Progress:
    """Counts what a run of ``job`` (its ``attempts``-th) has done, and says so in the job."""

    def __init__(self, job: Job, clock: Callable[[], float] = time.monotonic) -> None:
        self.job_id = job.pk
        self.attempt = job.attempts
        self.done = 0
        self.total: int | None = None
        self._clock = clock
        self._written_rows = 0
        self._written_at = clock()
        self._side: Any = None

    def set_total(self, total: int) -> None:
        self.total = total
        self.write()

    def advance(self, rows: int = 1) -> None:
        self.done += rows
        if (
            self.done - self._written_rows >= EVERY_ROWS
            or self._clock() - self._written_at >= EVERY_SECONDS
        ):
            self.write()

    def track(self, items: Iterable[T], total: int | None = None) -> Iterator[T]:
        """``items`` as they are, counting each one taken."""
        if total is not None:
            self.set_total(total)
        for item in items:
            yield item
            self.advance()

    def write(self) -> bool:
        """Write the progress and a heartbeat now; False when the run no longer owns the job
        (it was stopped and tried again)."""
        self._written_rows, self._written_at = self.done, self._clock()
        if connection.in_atomic_block and connection.vendor == "postgresql":
            return self._write_aside()
        updated = Job.objects.filter(
            pk=self.job_id, attempts=self.attempt, status=Status.RUNNING
        ).update(done=self.done, total=self.total, heartbeat_at=timezone.now())
        return updated == 1

    def _write_aside(self) -> bool:
        if self._side is None:
            self._side = connections.create_connection(connection.alias)
        table = connection.ops.quote_name(Job._meta.db_table)
        with self._side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET done = %s, total = %s, heartbeat_at = %s "  # noqa: S608
                "WHERE id = %s AND attempts = %s AND status = %s",
                [self.done, self.total, timezone.now(), self.job_id, self.attempt, Status.RUNNING],
            )
            return bool(cursor.rowcount == 1)

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None
