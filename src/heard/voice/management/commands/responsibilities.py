"""``heard responsibilities --check | --rebuild``: who answers for which view through themes and
groups (``voice.responsibility``), which a theme lead's overdue lists read.

``--check`` compares it with the themes', groups' and sessions' links and exits 1 on a difference;
``--rebuild`` remakes it from them (after restoring a backup taken without it, say).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.voice import responsibility


class Command(BaseCommand):
    help = "Check or rebuild who answers for which view from the themes' and groups' links."

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--check", action="store_true", help="Compare; change nothing.")
        action.add_argument("--rebuild", action="store_true", help="Remake it from the links.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            rows = responsibility.rebuild()
            self.stdout.write(f"Responsibilities rebuilt: {rows:,} rows.")
            return
        count, shown = responsibility.differences()
        if count:
            for line in shown:
                self.stdout.write(f"  {line}")
            raise CommandError(
                f"Who answers for which view differs from the links in {count:,} rows: "
                "run `heard responsibilities --rebuild`."
            )
        self.stdout.write("Who answers for which view matches the themes' and groups' links.")
