"""``heard restore <path>``: put a copy ``heard backup`` took back as Heard's SQLite database.

It first checks that ``path`` is a SQLite database that passes its integrity check and holds
Heard's migrations table (so a wrong file is refused before anything changes), asks for
confirmation (``--yes`` skips the question), copies the current database beside itself
(``heard.before-restore-<time>.sqlite3``), and then restores with SQLite's online backup API,
which replaces the database's pages in place: connections open elsewhere see the restored data
at their next transaction. Stop Heard's app servers and workers first all the same, or they
may write between the copy and the restore.

On PostgreSQL it refuses and says what to run instead (``pg_restore``; see the README).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core.management.commands.backup import copy_database, database_file

SQLITE_HEADER = b"SQLite format 3\x00"
#: Apps whose migrations a backup of Heard has applied.
HEARD_APPS = ("core", "people")


def check_backup(path: Path) -> int:
    """Refuse (CommandError) anything but a sound SQLite database of Heard's; the number of
    migrations it has applied."""
    if not path.is_file():
        raise CommandError(_("There is no file %(path)s.") % {"path": path})
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise CommandError(_("%(path)s is not a SQLite database.") % {"path": path})
    backup = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            sound = backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:  # damaged beyond the check's reading
            sound = False
        if not sound:
            raise CommandError(_("%(path)s fails SQLite's integrity check.") % {"path": path})
        try:
            apps = {app for (app,) in backup.execute("SELECT DISTINCT app FROM django_migrations")}
            count = backup.execute("SELECT COUNT(*) FROM django_migrations").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise CommandError(
                _("%(path)s has no migrations table: it is not a copy of Heard's database.")
                % {"path": path}
            ) from error
    finally:
        backup.close()
    if not set(HEARD_APPS) <= apps:
        raise CommandError(_("%(path)s is not a copy of Heard's database.") % {"path": path})
    return int(count)


class Command(BaseCommand):
    # argparse needs a str (a lazy translation breaks --help), as every command's help.
    help = "Restore Heard's SQLite database from a copy that heard backup took."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("The copy to restore."))
        parser.add_argument("--yes", action="store_true", help=_("Do not ask for confirmation."))
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("Database alias."))

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        target = database_file(alias, restoring=True)
        source = Path(options["path"]).expanduser().resolve()
        migrations = check_backup(source)
        if not options["yes"]:
            question = _(
                "This replaces everything in %(target)s with %(source)s (a copy of the current "
                "database is kept first). Type yes to go on: "
            ) % {"target": target, "source": source}
            if input(question).strip().lower() != "yes":
                raise CommandError(_("Nothing was restored."))
        connections[alias].close()
        kept = None
        if target.exists():
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            kept = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix}")
            copy_database(target, kept)
        origin = sqlite3.connect(source)
        try:
            database = sqlite3.connect(target, timeout=20)
            try:
                origin.backup(database)
            finally:
                database.close()
        finally:
            origin.close()
        if kept is not None:
            self.stdout.write(_("The database as it was is in %(path)s.") % {"path": kept})
        self.stdout.write(
            _("Restored %(target)s from %(source)s (%(count)s migrations applied).")
            % {"target": target, "source": source, "count": migrations}
        )
        executor = MigrationExecutor(connections[alias])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write(_("The copy is older than this Heard: run heard migrate."))
