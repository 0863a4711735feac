"""Migrate the in-memory SQLite test database once per test run, not once per pytest process.

``heard``'s migrations cost 6 to 20 s of CPU (rendering model states, the data migrations), and
``make test`` migrates an in-memory database in each of its pytest processes: two xdist workers and
the browser tests. The first process to create its test database migrates it and keeps a copy
(SQLite's online backup, as Django's own parallel runner copies an in-memory database); the others
copy it into their in-memory database instead of migrating (milliseconds). Everything else of
Django's test database set-up runs as before (the serialised contents for ``serialized_rollback``,
the cache table). The copy lives in ``HEARD_TEST_DATABASE_COPIES`` if set (``.ci/suites`` shares
one folder between the suite and the browser tests), else in the folder pytest's xdist workers
share; a run never reuses another run's copy. PostgreSQL and file databases migrate as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core import management
from django.db.backends.base.creation import BaseDatabaseCreation

COPY = "heard-migrated-test-database.sqlite3"


def _migrate_or_copy(folder: Path, migrate: Any, connection: Any) -> Any:
    copy = folder / COPY
    with open(folder / f"{COPY}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        connection.ensure_connection()
        if copy.exists():
            source = sqlite3.connect(copy)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            return None
        result = migrate()
        building = folder / f"{COPY}.building"
        target = sqlite3.connect(building)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        os.replace(building, copy)
        return result


@contextlib.contextmanager
def migrated_once(folder: Path) -> Iterator[None]:
    """While Django creates its test databases, an in-memory SQLite one is migrated once per run
    (the first process) and copied (the others)."""
    create_test_db = BaseDatabaseCreation.create_test_db

    def create(self: BaseDatabaseCreation, *args: Any, **kwargs: Any) -> Any:
        name = self._get_test_db_name()
        if self.connection.vendor != "sqlite" or not self.is_in_memory_db(name):
            return create_test_db(self, *args, **kwargs)
        call_command = management.call_command

        def call(command: str, *c_args: Any, **c_kwargs: Any) -> Any:
            if command != "migrate":
                return call_command(command, *c_args, **c_kwargs)
            return _migrate_or_copy(
                folder, lambda: call_command(command, *c_args, **c_kwargs), self.connection
            )

        management.call_command = call
        try:
            return create_test_db(self, *args, **kwargs)
        finally:
            management.call_command = call_command

    BaseDatabaseCreation.create_test_db = create  # type: ignore[method-assign]
    try:
        yield
    finally:
        BaseDatabaseCreation.create_test_db = create_test_db  # type: ignore[method-assign]
