"""The base of the commands that check or rebuild a derived table (a read model kept by the
services): ``heard summaries``, ``heard responsibilities``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction


class CheckOrRebuildCommand(BaseCommand):
    """``--check`` compares the derived rows with what they derive from and exits 1 on a
    difference, listing a few; ``--rebuild`` remakes them in one transaction."""

    #: What is derived, as the messages name it ("The participation summaries").
    subject = ""
    #: What it derives from ("the participation log").
    source = ""
    #: This command's name, for the message that says how to mend a difference.
    command = ""

    def differences(self) -> tuple[int, list[str]]:
        raise NotImplementedError

    def rebuild(self) -> str:
        """Remake the rows; returns what to report ("12,345 rows")."""
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--check", action="store_true", help=f"Compare with {self.source}; change nothing."
        )
        action.add_argument("--rebuild", action="store_true", help=f"Remake from {self.source}.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            with transaction.atomic():
                done = self.rebuild()
            self.stdout.write(f"{self.subject} rebuilt: {done}.")
            return
        count, shown = self.differences()
        if count:
            for line in shown:
                self.stdout.write(f"  {line}")
            raise CommandError(
                f"{self.subject} differ from {self.source} in {count:,} rows: "
                f"run `heard {self.command} --rebuild`."
            )
        self.stdout.write(f"{self.subject} match {self.source}.")
