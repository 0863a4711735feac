"""``heard summaries --check | --rebuild``: the participation summaries (who took part in each
partnership year, and each group's latest session).

``--check`` compares it with the participation log and exits 1 on a difference; ``--rebuild``
remakes it from the log (after restoring a backup taken without it, say).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from heard.participation import summaries


class Command(BaseCommand):
    help = "Check or rebuild the participation summaries from the participation log."

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--check", action="store_true", help="Compare the summary with the log; change nothing."
        )
        action.add_argument(
            "--rebuild", action="store_true", help="Remake the summary from the log."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            with transaction.atomic():
                rows = summaries.rebuild()
            self.stdout.write(f"Participation summaries rebuilt: {rows:,} yearly rows.")
            return
        count, shown = summaries.differences()
        if count:
            for line in shown:
                self.stdout.write(f"  {line}")
            raise CommandError(
                f"The participation summaries differ from the log in {count:,} rows: "
                "run `heard summaries --rebuild`."
            )
        self.stdout.write("The participation summaries match the participation log.")
