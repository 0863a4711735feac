"""The background task that sends due messages (django-tasks: any backend).

After a sweep that left messages waiting to be tried again, the task schedules itself for the
earliest of their next attempts when the backend can run a task later (the database and RQ
backends); otherwise ``heard send_messages`` (run every minute or so) picks them up.
"""

from __future__ import annotations

from django.db.models import Min
from django_tasks import default_task_backend, task


@task()
def send_due_messages() -> dict[str, int]:
    """Send what is due now (queued, and failed messages whose wait is over)."""
    from heard.messaging.services import deliver_due

    outcome = deliver_due()
    if outcome.get("retrying"):
        schedule_retry()
    return outcome


def schedule_retry() -> bool:
    """Enqueue the task again for the earliest waiting retry; False when the backend cannot
    run a task later (or none is waiting)."""
    from heard.messaging.models import Message

    if not default_task_backend.supports_defer:
        return False
    next_at = Message.objects.filter(status=Message.Status.RETRYING).aggregate(
        at=Min("next_attempt_at")
    )["at"]
    if next_at is None:
        return False
    send_due_messages.using(run_after=next_at).enqueue()
    return True
