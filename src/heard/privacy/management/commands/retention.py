"""``heard retention [--dry-run]``: anonymise young people past the retention period, and
delete expense claims settled before the finance retention period (with their receipts).
Finished background jobs are deleted with their files after ``HEARD_JOB_RETENTION_DAYS``.

Safe to run daily. Prints and logs counts and references only, never names.

``--background`` queues the same run as a system job (``heard.privacy.retention_job``) for the
worker instead, and prints the job's reference; its progress shows on the job's page.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from heard.jobs import cli
from heard.jobs import retention as job_retention
from heard.privacy import retention_job, services


class Command(BaseCommand):
    help = (
        "Anonymise young people whose last involvement is older than the retention period; "
        "delete expense claims past theirs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be anonymised; change nothing."
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the run as a background job for the worker; print the job's reference.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            if options["dry_run"]:
                raise CommandError("--dry-run runs at once: leave out --background.")
            job = retention_job.start_system()
            self.stdout.write(f"Retention queued as background job {job.uuid}.")
            return
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
        # Finished background jobs and their files (issue 20), after HEARD_JOB_RETENTION_DAYS.
        pruned = job_retention.prune(dry_run=options["dry_run"])
        self.stdout.write(
            f"Background jobs finished before {pruned.cutoff:%Y-%m-%d}: {pruned.jobs} "
            f"job{'' if pruned.jobs == 1 else 's'} and {pruned.files} "
            f"file{'' if pruned.files == 1 else 's'} "
            f"{'would be deleted' if options['dry_run'] else 'deleted'}."
        )
