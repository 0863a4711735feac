import pytest
from django.utils import timezone

from heard.messaging.models import Message
from heard.messaging.policies import MESSAGES
from tests import factories
from tests.core.policy_matrix import assert_matrix, make_users

STAFF = {"administrator", "lead"}


@pytest.fixture
def users(organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role="administrator")


def message(status):
    user = factories.UserFactory()
    return Message.objects.create(
        kind="actions_due",
        user=user,
        dedupe_key=f"test:{user.pk}",
        status=status,
        next_attempt_at=timezone.now(),
    )


def test_matrix(users):
    failed, sent = message("failed"), message("sent")
    assert_matrix(
        MESSAGES,
        users,
        {
            "view": {None: STAFF, failed: STAFF, sent: STAFF},
            "retry": {None: STAFF, failed: STAFF, sent: set()},
        },
    )


def test_heard_itself_may(db):
    assert MESSAGES.allows(None, "retry", message("sent"))
