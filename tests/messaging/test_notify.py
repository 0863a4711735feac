"""GOV.UK Notify, against an HTTP server on loopback that speaks Notify's API and checks each
request's token: sent with the kind's template and personalisation, status read back later."""

from __future__ import annotations

import pytest

from heard.messaging import services
from heard.messaging.models import Message
from tests.messaging.servers import API_KEY, notify_server

pytestmark = pytest.mark.usefixtures("dummy_tasks")

TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"


@pytest.fixture
def notify(settings):
    with notify_server() as (base_url, server):
        settings.HEARD_MESSAGE_BACKEND = "notify"
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = base_url
        settings.NOTIFY_TEMPLATES = {"feedback_told": TEMPLATE}
        yield server


@pytest.fixture
def queued(young_person, give_contact_consent, record_feedback, django_capture_on_commit_callbacks):
    give_contact_consent(young_person)
    with django_capture_on_commit_callbacks(execute=True):
        record_feedback([young_person])
    return Message.objects.get()


def test_sent_through_notify_then_delivered(queued, notify):
    assert services.deliver_due() == {"sent": 1}
    queued.refresh_from_db()
    (notification_id, sent), *_ = notify.notifications.items()
    assert queued.provider_reference == notification_id
    assert sent["email_address"] == "sam@example.net"
    assert sent["template_id"] == TEMPLATE
    assert sent["reference"] == f"heard-message-{queued.pk}"
    assert sent["personalisation"]["response"] == "The youth club is now open on Saturdays."
    assert "/portal/sign-in/?code=" in sent["personalisation"]["link"]
    # Still sending at Notify: nothing changes.
    assert services.poll_statuses() == 0
    notify.notifications[notification_id]["status"] = "delivered"
    assert services.poll_statuses() == 1
    queued.refresh_from_db()
    assert queued.status == "delivered" and queued.delivered_at is not None
    assert services.poll_statuses() == 0


def test_notify_could_not_deliver(queued, notify):
    services.deliver_due()
    notification_id = next(iter(notify.notifications))
    notify.notifications[notification_id]["status"] = "permanent-failure"
    assert services.poll_statuses() == 1
    queued.refresh_from_db()
    assert queued.status == "failed"
    assert "sam" not in queued.last_error


def test_refused_by_notify_fails_at_once(queued, notify):
    notify.refuse_with = 400
    assert services.deliver_due() == {"failed": 1}
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == ("failed", 1)
    assert queued.last_error == "PermanentError"


def test_notify_unavailable_is_retried(queued, notify):
    notify.refuse_with = 500
    services.deliver_due()
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == ("retrying", 1, "HTTPError (500)")


def test_too_many_requests_is_retried(queued, notify):
    notify.refuse_with = 429
    services.deliver_due()
    queued.refresh_from_db()
    assert queued.status == "retrying"


def test_no_template_for_the_kind_fails_at_once(queued, notify, settings):
    settings.NOTIFY_TEMPLATES = {}
    services.deliver_due()
    queued.refresh_from_db()
    assert queued.status == "failed"
    assert not notify.notifications


def test_wrong_key_is_refused(queued, notify, settings):
    settings.NOTIFY_API_KEY = API_KEY[:-4] + "0000"
    services.deliver_due()
    queued.refresh_from_db()
    assert (queued.status, queued.last_error) == ("failed", "PermanentError")
