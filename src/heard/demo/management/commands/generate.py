"""``heard generate --scale tiny|county|national [--seed N] [--force]``: synthetic data in bulk.

``--background`` queues the run as a system job for the worker (``heard.demo.demo_job``) and
prints the job's reference instead; it never empties a database (no ``--force``)."""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from heard.demo import demo_job, generator
from heard.jobs import cli


class Command(BaseCommand):
    help = (
        "Generate a synthetic partnership for load tests: staff in every role, organisations, "
        "themes, groups with members and lifecycles, young people, sessions and attendance, "
        "views with responses, feedback and ratings, staff background checks and training, "
        "safeguarding concerns, consents, equality records, benchmarks and least-heard targets. "
        "Loads in bulk (COPY on PostgreSQL) without the services or audit entries. Refuses to "
        "write into a database that already holds any of these records unless --force, which "
        "first EMPTIES those tables (and the audit log, API tokens, sign-ins, two-factor devices, "
        "portal sign-in codes and evidence records), in the transaction that loads the new "
        "data: killed or failed, a run leaves the database as it was."
    )
    #: A bulk loader needs the models only: do not fail on an unrelated URL or admin check.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(generator.SCALES), required=True)
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data (default 1).")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Date the data counts back from, like 2026-11-23 (default: today).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Empty the tables the generator writes before loading (destroys their data).",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the run as a background job for the worker; print the job's reference "
            "(into an empty database only).",
        )

    def _queue(self, options: dict[str, Any], today: datetime.date, existing: Any) -> None:
        """``--background``: a job the worker runs (never one that empties a database)."""
        if existing:
            raise CommandError(
                "--background never empties a database: use --force without --background."
            )
        job = demo_job.start_generate(scale=options["scale"], seed=options["seed"], today=today)
        self.stdout.write(f"Generating queued as background job {job.uuid}.")

    def handle(self, *args: Any, **options: Any) -> None:
        today: datetime.date = options["today"] or timezone.localdate()
        if today > timezone.localdate():
            raise CommandError("--today cannot be later than today.")
        database = f"{connection.vendor} database {connection.settings_dict['NAME']}"
        existing = generator.existing_rows()
        if existing and not options["force"]:
            held = ", ".join(f"{count:,} {label}" for label, count in existing.items())
            raise CommandError(
                f"The {database} already holds {held}. Nothing was written. Use an empty "
                "database, or add --force to delete those records first."
            )
        if options["background"]:
            self._queue(options, today, existing)
            return
        if existing:
            self.stdout.write(
                self.style.WARNING(
                    "--force: the records already there are deleted in the transaction that "
                    "loads the new data (if the load stops, nothing is deleted)."
                )
            )
        scale = generator.SCALES[options["scale"]]
        self.stdout.write(
            f"Generating the {scale.name} scale (seed {options['seed']}, dates up to {today}) "
            f"into the {database} ..."
        )
        started = time.perf_counter()
        # A bar on stderr: a step per app's rows, then the summaries, responsibilities, commit.
        steps = cli.Steps(
            self,
            total=len(generator.STEPS) + 3,
            desc="Generating",
            counted=("generated ", "summarised ", "derived ", "committed "),
        )
        try:
            result = generator.generate(
                scale=scale,
                seed=options["seed"],
                today=today,
                progress=steps,
                replace=bool(existing),
            )
        finally:
            steps.close()
        elapsed = time.perf_counter() - started
        if result.deleted:
            held = ", ".join(f"{count:,} {label}" for label, count in result.deleted.items())
            self.stdout.write(self.style.WARNING(f"--force: deleted {held}."))
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated the {scale.name} scale in {elapsed:.0f} s. No audit entries were "
                "written for generated rows. Generated staff have unusable passwords: set one "
                "with `heard changepassword <email>` to sign in."
            )
        )
