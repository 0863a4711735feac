"""``heard retention [--dry-run]``: anonymise young people past the retention period, and
delete expense claims settled before the finance retention period (with their receipts).

Safe to run daily. Prints and logs counts and references only, never names.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from heard.jobs import cli
from heard.privacy import services


class Command(BaseCommand):
    help = (
        "Anonymise young people whose last involvement is older than the retention period; "
        "delete expense claims past theirs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be anonymised; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.retention_run(
            today=timezone.localdate(),
            dry_run=options["dry_run"],
            progress=cli.counter(self, desc="Retention", unit="young people"),
        )
        verb = "would be anonymised" if result.dry_run else "anonymised"
        self.stdout.write(
            f"Retention: last involvement before {result.cutoff.isoformat()}: "
            f"{result.count} young {'person' if result.count == 1 else 'people'} {verb}."
        )
        for reference, last in result.due:
            self.stdout.write(
                f"  {reference} (last involvement {last.isoformat() if last else '-'})"
            )
        claims = len(result.claims)
        self.stdout.write(
            f"Expense claims settled before {result.claims_cutoff}: "
            f"{claims} expense claim{'' if claims == 1 else 's'} "
            f"{'would be deleted' if result.dry_run else 'deleted'}."
        )
