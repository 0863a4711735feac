"""``heard backup`` and ``heard restore`` (heard.core.management.commands): a copy taken while
another connection writes is one consistent snapshot; restoring it after the data changed gives
back exactly the copy's rows, table by table, read with sqlite3 independently of Heard.

The commands run as Heard's console command (``heard``) in their own processes, on a migrated
SQLite database in a temporary folder, as an operator would run them."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from heard.core.management.commands.backup import copy_database
from heard.core.management.commands.restore import check_backup

HEARD = Path(sys.executable).with_name("heard")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    """A migrated Heard database in a file: the test database's schema (SQLite), or ``heard
    migrate`` run afresh (PostgreSQL runs, where the test database is not SQLite)."""
    path = tmp_path_factory.mktemp("migrated") / "heard.sqlite3"
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            return path
    done = _heard(path.parent, "migrate", "--noinput")
    assert done.returncode == 0, done.stderr
    return path


def _env(var_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(HEARD_VAR_DIR=str(var_dir), HEARD_TESTING="1", LOG_FORMAT="plain")
    return env


def _heard(var_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (Heard's own command)
        [str(HEARD), *args],
        env=_env(var_dir),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def heard_db(migrated, tmp_path) -> Path:
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    path = var_dir / "heard.sqlite3"
    shutil.copy(migrated, path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")  # as Heard runs it
        db.executemany(
            "INSERT INTO people_organisation (created_at, updated_at, name, kind, area,"
            " contact_name, contact_email, contact_phone, is_active, notes)"
            " VALUES ('2026-01-01', '2026-01-01', ?, 'school', 'Leeds', '', '', '', 1, '')",
            [(f"Organisation {n}",) for n in range(300)],
        )
        db.execute("CREATE TABLE probe (n INTEGER PRIMARY KEY, pair INTEGER NOT NULL)")
    return path


class Writer(threading.Thread):
    """Another connection writing while the backup runs: two rows per transaction."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.stop = threading.Event()
        self.commits = 0
        self.errors: list[str] = []

    def run(self) -> None:
        db = sqlite3.connect(self.path, timeout=20, isolation_level=None)
        try:
            while not self.stop.is_set():
                try:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute("INSERT INTO probe (pair) VALUES (?)", (self.commits,))
                    db.execute("INSERT INTO probe (pair) VALUES (?)", (self.commits,))
                    db.execute("COMMIT")
                    self.commits += 1
                except sqlite3.Error as error:
                    self.errors.append(str(error))
                time.sleep(0.001)
        finally:
            db.close()


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in a stable order, read with sqlite3 alone."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        names = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            name: sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)  # noqa: S608
            for name in names
        }
    finally:
        db.close()


def test_backup_while_writing_then_restore_gives_back_every_row(heard_db):
    var_dir = heard_db.parent
    copy = var_dir / "copies" / "heard-backup.sqlite3"
    copy.parent.mkdir()
    writer = Writer(heard_db)
    writer.start()
    try:
        while writer.commits < 50:  # the writer is well under way
            time.sleep(0.01)
        before = writer.commits
        started = time.monotonic()
        done = _heard(var_dir, "backup", str(copy))
        seconds = time.monotonic() - started
        during = writer.commits - before
        time.sleep(0.1)
    finally:
        writer.stop.set()
        writer.join(10)
    assert done.returncode == 0, done.stderr
    assert "Backed up" in done.stdout
    assert writer.errors == []  # the backup never made a writer fail
    assert during > 0, f"no write while `heard backup` ran ({seconds:.1f} s)"
    assert not (copy.parent / f".{copy.name}.partial").exists()

    backup = _tables(copy)
    pairs = backup["probe"]
    # One consistent snapshot: every transaction's two rows, or neither.
    assert pairs and len(pairs) % 2 == 0
    assert sorted(pair for _, pair in pairs) == sorted(list(range(len(pairs) // 2)) * 2)
    assert len(pairs) // 2 < writer.commits  # the writer went on after the snapshot
    assert len(backup["people_organisation"]) == 300
    assert ("people",) in {(row[1],) for row in backup["django_migrations"]}
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file

    # The data changes after the backup ...
    with sqlite3.connect(heard_db) as db:
        db.execute("DELETE FROM people_organisation WHERE id % 3 = 0")
        db.execute("UPDATE people_organisation SET area = 'York'")
        db.execute("INSERT INTO probe (pair) VALUES (-1)")
    changed = _tables(heard_db)
    assert changed != backup

    # ... and the restore gives back the backup's rows, table by table.
    done = _heard(var_dir, "restore", str(copy), "--yes")
    assert done.returncode == 0, done.stderr
    assert _tables(heard_db) == backup
    (kept,) = var_dir.glob("heard.before-restore-*.sqlite3")
    assert _tables(kept) == changed  # the database as it was before the restore
    with sqlite3.connect(heard_db) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Heard opens the restored database as before.
    done = _heard(var_dir, "migrate", "--check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_backup_will_not_replace_a_file_unless_told(heard_db):
    var_dir = heard_db.parent
    existing = var_dir / "existing.sqlite3"
    existing.write_bytes(b"keep me")
    done = _heard(var_dir, "backup", str(existing))
    assert done.returncode == 1 and "already exists" in done.stderr
    assert existing.read_bytes() == b"keep me"
    done = _heard(var_dir, "backup", str(existing), "--force")
    assert done.returncode == 0, done.stderr
    assert _tables(existing) == _tables(heard_db)
    done = _heard(var_dir, "backup", str(heard_db), "--force")
    assert done.returncode == 1 and "the database itself" in done.stderr
    done = _heard(var_dir, "backup", str(var_dir / "no-such-folder" / "copy.sqlite3"))
    assert done.returncode == 1 and "There is no folder" in done.stderr


def test_restore_asks_first_and_changes_nothing_when_not_told_yes(heard_db):
    var_dir = heard_db.parent
    copy = var_dir / "copy.sqlite3"
    assert _heard(var_dir, "backup", str(copy)).returncode == 0
    with sqlite3.connect(heard_db) as db:
        db.execute("DELETE FROM people_organisation")
    changed = _tables(heard_db)
    done = _heard(var_dir, "restore", str(copy), stdin="no\n")
    assert done.returncode == 1
    assert "Type yes to go on" in done.stdout and "Nothing was restored" in done.stderr
    assert _tables(heard_db) == changed
    assert list(var_dir.glob("heard.before-restore-*")) == []
    done = _heard(var_dir, "restore", str(copy), stdin="yes\n")
    assert done.returncode == 0, done.stderr
    assert len(_tables(heard_db)["people_organisation"]) == 300


def test_restore_refuses_what_is_not_a_backup_of_heard(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        check_backup(tmp_path / "missing.sqlite3")
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database")
    with pytest.raises(CommandError, match="not a SQLite database"):
        check_backup(text)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(CommandError, match="no migrations table"):
        check_backup(other)
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE django_migrations (id, app, name, applied)")
        db.execute("INSERT INTO django_migrations VALUES (1, 'blog', '0001_initial', '')")
    with pytest.raises(CommandError, match="not a copy of Heard"):
        check_backup(other)
    broken = tmp_path / "broken.sqlite3"
    with sqlite3.connect(broken) as db:
        db.execute("CREATE TABLE django_migrations (id, app, name, applied)")
        db.executemany(
            "INSERT INTO django_migrations VALUES (?, ?, 'x', ?)",
            [(n, "core" if n % 2 else "people", "y" * 500) for n in range(2000)],
        )
    data = bytearray(broken.read_bytes())
    data[4096 * 3 : 4096 * 3 + 64] = b"\xff" * 64  # damage a page of the table
    broken.write_bytes(bytes(data))
    with pytest.raises(CommandError):
        check_backup(broken)


def test_backup_and_restore_refuse_the_test_database(db, tmp_path):
    """On PostgreSQL both say what to run instead; the SQLite test database is in memory."""
    expected = "pg_dump" if connection.vendor == "postgresql" else "in memory"
    with pytest.raises(CommandError, match=expected):
        call_command("backup", str(tmp_path / "copy.sqlite3"))
    expected = "pg_restore" if connection.vendor == "postgresql" else "in memory"
    with pytest.raises(CommandError, match=expected):
        call_command("restore", str(tmp_path / "copy.sqlite3"), "--yes")


def test_copy_database_leaves_nothing_half_written(tmp_path):
    source = tmp_path / "source.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE t (x)")
        db.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(1000)])
    target = tmp_path / "copy.sqlite3"
    copy_database(source, target)
    assert _tables(target) == _tables(source)
    assert list(tmp_path.glob(".*partial")) == []
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_bytes(b"x" * 4096)
    with pytest.raises(sqlite3.DatabaseError):
        copy_database(not_a_database, tmp_path / "other.sqlite3")
    assert not (tmp_path / "other.sqlite3").exists()
    assert list(tmp_path.glob(".*partial")) == []


@pytest.mark.parametrize("name", ["backup", "restore"])
def test_each_command_explains_itself(name):
    from django.core.management import load_command_class

    text = load_command_class("heard.core", name).create_parser("heard", name).format_help()
    assert "SQLite" in text and "--database" in text
