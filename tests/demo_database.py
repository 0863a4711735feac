"""Data that takes seconds to build, built once per test run and copied into each module that
reads it: ``loaded_demo`` (the demo partnership) and ``database_copy`` for others (the generator's
tiny scale, tests/demo/test_generator.py).

A demo load takes 12 to 25 s of CPU and nine modules read the demo, each at the same day and time
(``NOW``). On SQLite (``make test``) it is loaded once per test run: the first module to ask loads
it into its worker's database and keeps a copy (SQLite's online backup) in a file the xdist
workers share under a lock; every later module copies that file into its own in-memory database
(milliseconds), and puts the migrated database it found back when it ends. Each test still runs in
a transaction of its own that is rolled back, as with any ``db`` test. On PostgreSQL each module
builds the data inside a transaction that it rolls back at the end.
"""

from __future__ import annotations

import datetime
import fcntl
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from heard.demo.loader import DemoSummary, load_demo

NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 23)

T = TypeVar("T")


def _load() -> DemoSummary:
    with time_machine.travel(NOW, tick=False):
        return load_demo(today=TODAY)


def _rolled_back(build: Callable[[], T]) -> Iterator[T]:
    outer = transaction.atomic()
    outer.__enter__()
    try:
        yield build()
    finally:
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)
    # The copy's content types are the ones its migrations made: forget any cached from before.
    ContentType.objects.clear_cache()


def _shared_copy(root: Path, name: str, build: Callable[[], T], live: sqlite3.Connection) -> T:
    """Put ``name`` into ``live``: from the shared copy, or built (and copied) if there is none."""
    copy, result_file = root / f"heard-{name}.sqlite3", root / f"heard-{name}.pickle"
    with open(root / f"heard-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if copy.exists():
            with open(result_file, "rb") as file:
                result = pickle.load(file)  # noqa: S301 - written by this run, just below
            source = sqlite3.connect(copy)
            try:
                _copy(source, live)
            finally:
                source.close()
            return result
        result = build()
        building = root / f"heard-{name}-building.sqlite3"
        target = sqlite3.connect(building)
        try:
            live.backup(target)
        finally:
            target.close()
        with open(result_file, "wb") as file:
            pickle.dump(result, file)
        os.replace(building, copy)
    return result


def database_copy(root: Path, name: str, build: Callable[[], T]) -> Iterator[T]:
    """For a module-scoped fixture (the database unblocked): ``build()``'s rows for the module,
    gone when it ends; ``name`` says what ``build`` makes, the same for every caller."""
    if connection.vendor != "sqlite":
        yield from _rolled_back(build)
        return
    connection.ensure_connection()
    assert not connection.in_atomic_block
    migrated = sqlite3.connect(":memory:")
    try:
        connection.connection.backup(migrated)
        result = _shared_copy(root, name, build, connection.connection)
        try:
            yield result
        finally:
            connection.ensure_connection()
            _copy(migrated, connection.connection)
    finally:
        migrated.close()


@pytest.fixture(scope="session")
def database_copies(tmp_path_factory) -> Path:
    """Where ``database_copy`` keeps its copies: one folder for all the xdist workers."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, database_copies) -> Iterator[DemoSummary]:
    """The demo, loaded for this module and gone when it ends (see the module's docstring)."""
    with django_db_blocker.unblock():
        yield from database_copy(database_copies, f"demo-{NOW:%Y%m%d%H%M}", _load)
