"""``heard load_demo``: load the demo partnership (once) and print the demo logins (every time).

``--background`` queues the load as a system job for the worker (``heard.demo.demo_job``) and
prints the job's reference instead; ``heard load_demo`` again prints the logins."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from heard.demo import demo_job
from heard.demo.loader import DemoSummary, load_demo
from heard.jobs import cli


class Command(BaseCommand):
    help = (
        "Load the demo partnership: 11 MILLION's Spotlight areas and Buddy Groups, Nottingham's "
        "councils, Cambridgeshire and Norfolk partners, with fictional young people and a "
        "participation log. Does nothing if the demo is already loaded. Prints the demo logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Date the demo's dates count back from, like 2026-11-23 (default: today). "
            "It cannot be later than today.",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the load as a background job for the worker; print the job's reference.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today: datetime.date = options["today"] or timezone.localdate()
        if today > timezone.localdate():
            raise CommandError("--today cannot be later than today.")
        if options["background"]:
            job = demo_job.start_load_demo(today=today)
            self.stdout.write(f"Demo partnership queued as background job {job.uuid}.")
            return
        shown = cli.bar(self, total=1, desc="Demo partnership")  # one step, with its time
        try:
            summary = load_demo(today=today)
        except ValidationError as exc:
            raise CommandError(f"The demo partnership could not be loaded: {exc}") from exc
        finally:
            shown.update(1)
            shown.close()
        self._report(summary)

    def _report(self, summary: DemoSummary) -> None:
        style = self.style.SUCCESS if summary.created else self.style.WARNING
        self.stdout.write(style(summary.message))
        if summary.created:
            counts = ", ".join(
                f"{count} {name.replace('_', ' ')}" for name, count in summary.counts.items()
            )
            self.stdout.write(f"Created {counts}.")
        if not summary.logins:
            return
        rows = [("Email", "Role", "Password")] + [
            (login.email, login.role, login.password) for login in summary.logins
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        rule = "  ".join("-" * width for width in widths)
        self.stdout.write("")
        self.stdout.write("Demo logins:")
        for number, row in enumerate(rows):
            line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
            if number == 0:
                self.stdout.write(rule)
        secrets = sorted({login.totp_secret for login in summary.logins if login.totp_secret})
        if secrets:
            roles = ", ".join(login.role for login in summary.logins if login.totp_secret)
            self.stdout.write("")
            self.stdout.write(
                f"Two-factor sign-in: {roles} must also enter a code. Add this published demo key "
                f"to any authenticator app (time-based, 6 digits, 30 seconds): {secrets[0]}"
            )
            self.stdout.write(
                "No authenticator app at hand? `.venv/bin/heard demo_code` prints the current code."
            )
