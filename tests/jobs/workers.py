"""A real worker process (``heard db_worker``) on the test's own database.

On PostgreSQL the worker connects to the test database itself. SQLite's test database lives in
the test's memory: it is copied to a file for the worker (sqlite3's backup), and copied back
once the worker has gone, so the test reads what the worker wrote either way.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from django.db import connection

T = TypeVar("T")

HEARD = str(Path(sys.executable).with_name("heard"))


class WorkerDatabase:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.file: Path | None = None

    def env(self) -> dict[str, str]:
        settings = connection.settings_dict
        env = {**os.environ, "HEARD_TESTING": "1", "TMPDIR": str(self.tmp_path / "tmp")}
        (self.tmp_path / "tmp").mkdir(exist_ok=True)
        if connection.vendor == "sqlite":
            self.file = self.tmp_path / "worker.sqlite3"
            target = sqlite3.connect(self.file)
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
            env["DATABASE_URL"] = f"sqlite:///{self.file}"
        else:
            user, host = settings["USER"] or "postgres", settings["HOST"] or "127.0.0.1"
            password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
            port = settings["PORT"] or "5432"
            env["DATABASE_URL"] = f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"
        return env

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """One row, read from the worker's database now (the file on SQLite)."""
        if self.file is not None:
            with sqlite3.connect(self.file, timeout=20) as reader:
                return reader.execute(sql.replace("%s", "?"), params).fetchone()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    def take_back(self) -> None:
        """Copy what the worker wrote back into the test's database (SQLite)."""
        if self.file is not None:
            source = sqlite3.connect(self.file)
            connection.ensure_connection()
            source.backup(connection.connection)
            source.close()


@contextmanager
def worker_database(tmp_path: Path) -> Iterator[WorkerDatabase]:
    yield WorkerDatabase(tmp_path)


def start_worker(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [HEARD, "db_worker", "--no-startup-delay", "--interval", "0.1", "--no-reload", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def kill_when(worker: subprocess.Popen[bytes], ready: Callable[[], T]) -> T:
    """``ready()`` (waiting until the worker is mid-job), then the worker killed with SIGKILL, as
    a machine that loses power would: what ``ready`` gave. The worker is always reaped."""
    try:
        seen = ready()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        if worker.stdout is not None:
            worker.stdout.close()
    assert worker.returncode == -signal.SIGKILL
    return seen
