"""Long read-only work reads from the read replica when one is configured (issue 20).

``DATABASE_REPLICA_URL`` (``heard.config.parts.replica``) adds the ``replica`` database and this
router. Reads go to the replica only inside :func:`reading_for_reports`: a report's figures, a
report's PDF job, a list export job. Everywhere else they go to the primary (``default``), so a
user who has just written reads what they wrote, whatever the replica's lag; writes always go
to the primary, inside the block too (a job's progress, a cache entry). With no replica
configured the block changes nothing.

The flag is a ContextVar: it belongs to the thread (and task) that set it, so one request's
report never sends another request's reads to the replica.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

#: The replica's database alias (``settings.DATABASES``).
REPLICA = "replica"

_reading_for_reports: ContextVar[bool] = ContextVar("heard_reading_for_reports", default=False)


@contextmanager
def reading_for_reports() -> Iterator[None]:
    """Reads inside go to the replica, if there is one. Also a decorator
    (``@reading_for_reports()``). Nothing inside may read what it has just written."""
    token = _reading_for_reports.set(True)
    try:
        yield
    finally:
        _reading_for_reports.reset(token)


def is_reading_for_reports() -> bool:
    return _reading_for_reports.get()


def replica_configured() -> bool:
    return REPLICA in connections.settings


def read_alias() -> str:
    """Where a read made now goes: the replica inside the block (if there is one), else the
    primary."""
    return REPLICA if is_reading_for_reports() and replica_configured() else DEFAULT_DB_ALIAS


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry, installed with the replica."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not replica_configured():
            return None
        # Explicitly the primary outside the block: a row read from the replica inside it
        # would otherwise lead Django to read its related rows from the replica too.
        return read_alias()

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS if replica_configured() else None

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        """The replica holds the primary's rows: a row read from either may refer to a row read
        from the other."""
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {DEFAULT_DB_ALIAS, REPLICA} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        """Migrations run on the primary only; the replica receives them by replication."""
        return False if db == REPLICA else None
