"""Two leads approve one expense claim at the same moment: the row is locked, so one approval
wins and the other is refused. PostgreSQL only (SQLite runs one writer).

In a file of its own with only transactional tests: pytest-django runs transactional tests last,
and under ``--dist loadfile`` a file's tests go to a worker together, so a file that also held
ordinary tests sent its flush (which empties the migrations' rows: methods, content types)
ahead of other files' tests on that worker (CI, 2026-12-06: safeguarding's session form test
found no methods)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from heard.core.models import AuditEntry
from heard.rewards import services
from tests import factories
from tests.rewards.factories import ClaimFactory, ItemFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_approvals_at_once_approve_once(organisation):
    """The row is locked: the second approval waits for the first, then is refused."""
    lead_one = factories.UserFactory(role="participation_lead")
    lead_two = factories.UserFactory(role="participation_lead")
    claim = ClaimFactory(organisation=organisation)
    ItemFactory(claim=claim)
    outcomes = []

    def approve(lead):
        try:
            services.claim_approve(actor=lead, claim=claim)
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(lead,)) for lead in (lead_one, lead_two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert AuditEntry.objects.filter(event="expense_claim.approved").count() == 1
