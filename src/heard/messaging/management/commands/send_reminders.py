"""``heard send_reminders``: queue today's reminders to staff (run once a day; running it again
the same day queues nothing new)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from heard.messaging import services


class Command(BaseCommand):
    help = "Queue today's email reminders to staff."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = services.queue_reminders(today=timezone.localdate())
        self.stdout.write(f"Reminders queued: {queued}.")
