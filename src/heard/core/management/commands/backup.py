"""``heard backup <path>``: a copy of Heard's embedded (SQLite) database, safe to take while Heard
serves.

It uses SQLite's online backup (``sqlite3.Connection.backup``) in one step: the copy is one
consistent snapshot of the database, taken in a read transaction, which in Heard's WAL mode
never stops gunicorn's workers writing. The copy is written beside ``path``, checked
(``PRAGMA integrity_check``), switched to a single self-contained file (no ``-wal``), and only
then moved to ``path``: a failed backup never leaves a half-written file under its name.
``heard restore`` puts one back.

On PostgreSQL it refuses and says what to run instead (``pg_dump``; see the README).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

#: What to run on PostgreSQL instead (custom format: compressed, restored with pg_restore).
PG_DUMP = (
    'pg_dump --format=custom --no-owner --file=heard-$(date +%Y%m%d-%H%M).dump "$DATABASE_URL"'
)
PG_RESTORE = 'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" heard-....dump'


def database_file(alias: str, *, restoring: bool = False) -> Path:
    """The file of the SQLite database ``alias``; on any other engine, a CommandError that says
    what to use instead."""
    connection = connections[alias]
    if connection.vendor != "sqlite":
        tool = PG_RESTORE if restoring else PG_DUMP
        raise CommandError(
            _(
                "Heard's database is %(vendor)s, not SQLite: use the database's own tools, e.g. "
                "%(tool)s (or the managed service's point-in-time recovery)."
            )
            % {"vendor": connection.vendor, "tool": tool}
        )
    if connection.creation.is_in_memory_db(connection.settings_dict["NAME"]):  # type: ignore[attr-defined]
        raise CommandError(_("Heard's database is in memory: there is no file to copy."))
    return Path(str(connection.settings_dict["NAME"]))


def copy_database(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` to ``target`` with the online backup API."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    # Wait as long as Heard's own writers do (settings: timeout) for a lock, never fail at once.
    origin = sqlite3.connect(source, timeout=20)
    try:
        copy = sqlite3.connect(partial)
        try:
            origin.backup(copy)  # every page in one step: one consistent snapshot
            result = copy.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise CommandError(_("The copy failed its integrity check: %s") % result)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
        finally:
            copy.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        origin.close()
    os.replace(partial, target)


class Command(BaseCommand):
    # argparse needs a str (a lazy translation breaks --help), as every command's help.
    help = "Copy Heard's SQLite database to a file, safely while Heard serves."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("The file to write the copy to."))
        parser.add_argument(
            "--force", action="store_true", help=_("Replace the file if it already exists.")
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("Database alias."))

    def handle(self, *args: Any, **options: Any) -> None:
        source = database_file(options["database"])
        target = Path(options["path"]).expanduser().resolve()
        if target == source.resolve():
            raise CommandError(_("The copy cannot be the database itself."))
        if target.exists() and not options["force"]:
            raise CommandError(
                _("%(path)s already exists: choose another name, or add --force to replace it.")
                % {"path": target}
            )
        if not target.parent.is_dir():
            raise CommandError(_("There is no folder %(path)s.") % {"path": target.parent})
        copy_database(source, target)
        size = target.stat().st_size
        self.stdout.write(
            _("Backed up %(source)s to %(target)s (%(size)s bytes).")
            % {"source": source, "target": target, "size": f"{size:,}"}
        )
