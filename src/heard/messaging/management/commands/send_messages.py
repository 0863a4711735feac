"""``heard send_messages``: send the messages that are due and read back their delivery status
(run every minute or so beside the task worker; safe to run in parallel)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from heard.messaging import services


class Command(BaseCommand):
    help = "Send the messages that are due and read back their delivery status."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.deliver_due()
        polled = services.poll_statuses()
        summary = ", ".join(f"{count} {status}" for status, count in sorted(sent.items()))
        self.stdout.write(f"Messages: {summary or 'none due'}; {polled} statuses updated.")
