"""Never sent twice: two workers sweeping at once on PostgreSQL, each in its own connection,
each claiming with ``select_for_update(skip_locked=True)`` and a conditional UPDATE."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from heard.messaging import services
from heard.messaging.models import Message
from tests import factories

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent claims need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("dummy_tasks"),
]

MESSAGES = 40


def test_two_sweeps_at_once_send_each_message_once(smtp):
    now = timezone.now()
    for n in range(MESSAGES):
        Message.objects.create(
            kind="concerns_waiting",
            user=factories.UserFactory(role="safeguarding_lead"),
            dedupe_key=f"reminder:concerns_waiting:{n}",
            details={"count": 1},
            next_attempt_at=now,
        )
    start = threading.Barrier(2)
    outcomes: list[dict[str, int]] = []

    def sweep() -> None:
        """Sweep a few at a time until nothing is left, as a busy worker does."""
        sent: dict[str, int] = {}
        try:
            start.wait()
            while done := services.deliver_due(limit=4):
                for status, count in done.items():
                    sent[status] = sent.get(status, 0) + count
        finally:
            outcomes.append(sent)
            connections.close_all()

    workers = [threading.Thread(target=sweep) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert smtp.wait_for(MESSAGES, timeout=60)
    assert not smtp.wait_for(MESSAGES + 1, timeout=1)
    assert sum(outcome.get("sent", 0) for outcome in outcomes) == MESSAGES
    recipients = [email["To"] for _at, email in smtp.received]
    assert len(recipients) == len(set(recipients)) == MESSAGES
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
    print(f"\nTwo sweeps sent {[o.get('sent', 0) for o in outcomes]} of {MESSAGES}")
