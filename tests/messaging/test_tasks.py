"""The sending task: sends what is due, and schedules itself for the next retry."""

import pytest
from django_tasks import default_task_backend

from heard.messaging.models import Message
from heard.messaging.tasks import schedule_retry, send_due_messages
from tests.messaging.servers import free_port


@pytest.fixture
def reminder(db, safeguarding_lead):
    from django.utils import timezone

    return Message.objects.create(
        kind="concerns_waiting",
        user=safeguarding_lead,
        dedupe_key="reminder:test",
        details={"count": 1},
        next_attempt_at=timezone.now(),
    )


def test_a_failed_send_schedules_the_task_for_its_retry(dummy_tasks, reminder, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    assert send_due_messages.call() == {"retrying": 1}
    reminder.refresh_from_db()
    (scheduled,) = default_task_backend.results
    assert scheduled.task.run_after == reminder.next_attempt_at
    assert scheduled.task.func is send_due_messages.func


def test_nothing_waiting_nothing_scheduled(dummy_tasks, db):
    assert schedule_retry() is False
    assert default_task_backend.results == []


def test_a_backend_that_cannot_wait_schedules_nothing(immediate_tasks, reminder):
    Message.objects.filter(pk=reminder.pk).update(status="retrying")
    assert schedule_retry() is False
