"""The demo partnership for the test modules that read it: ``loaded_demo`` (module scope).

A load takes 12 to 25 s of CPU and nine modules read the demo, each at the same day and time
(``NOW``). On SQLite (``make test``) it is loaded once per test run: the first module to ask loads
it into its worker's database and keeps a copy (SQLite's online backup) in a file the xdist
workers share under a lock; every later module copies that file into its own in-memory database
(milliseconds), and puts the migrated database it found back when it ends. Each test still runs in
a transaction of its own that is rolled back, as with any ``db`` test. On PostgreSQL each module
loads the demo inside a transaction that it rolls back at the end.
"""

from __future__ import annotations

import datetime
import fcntl
import os
import pickle
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from heard.demo.loader import DemoSummary, load_demo

NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 23)


def _load() -> DemoSummary:
    with time_machine.travel(NOW, tick=False):
        return load_demo(today=TODAY)


def _rolled_back_load() -> Iterator[DemoSummary]:
    outer = transaction.atomic()
    outer.__enter__()
    try:
        yield _load()
    finally:
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)
    # The copy's content types are the ones its migrations made: forget any cached from before.
    ContentType.objects.clear_cache()


def _demo_copy(root: Path, live: sqlite3.Connection) -> DemoSummary:
    """Put the demo into ``live``: from the shared copy, or loaded (and copied) if there is none."""
    copy, summary_file = root / "heard-demo.sqlite3", root / "heard-demo.pickle"
    with open(root / "heard-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if copy.exists():
            with open(summary_file, "rb") as file:
                summary = pickle.load(file)  # noqa: S301 - written by this run, just above
            source = sqlite3.connect(copy)
            try:
                _copy(source, live)
            finally:
                source.close()
            return summary
        summary = _load()
        building = root / "heard-demo-building.sqlite3"
        target = sqlite3.connect(building)
        try:
            live.backup(target)
        finally:
            target.close()
        with open(summary_file, "wb") as file:
            pickle.dump(summary, file)
        os.replace(building, copy)
    return summary


@pytest.fixture(scope="session")
def _demo_copy_root(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, _demo_copy_root) -> Iterator[DemoSummary]:
    """The demo, loaded for this module and gone when it ends (see the module's docstring)."""
    with django_db_blocker.unblock():
        if connection.vendor != "sqlite":
            yield from _rolled_back_load()
            return
        connection.ensure_connection()
        assert not connection.in_atomic_block
        live = connection.connection
        migrated = sqlite3.connect(":memory:")
        try:
            live.backup(migrated)
            summary = _demo_copy(_demo_copy_root, live)
            try:
                yield summary
            finally:
                connection.ensure_connection()
                _copy(migrated, connection.connection)
        finally:
            migrated.close()
