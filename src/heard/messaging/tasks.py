"""The background task that sends due messages (django-tasks: any backend)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_due_messages() -> dict[str, int]:
    """Send what is due now (queued, and failed messages whose wait is over)."""
    from heard.messaging.services import deliver_due

    return deliver_due()
