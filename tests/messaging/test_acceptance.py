"""Issue 20's acceptance: a young person with consent and an email address is told by message
within a minute of the feedback being recorded, through a real SMTP server on loopback, with a
link to the portal that signs them in once."""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse

from heard.messaging.models import Message
from heard.portal.services import CODE_SPENT

#: Every test here runs transactionally (some commit for real): a file whose tests mix plain and
#: transactional database access would flush the seeded rows (methods, standards) before other
#: files' tests on the same xdist worker (make test distributes whole files, in pytest-django's
#: order: plain database tests first, then transactional ones).
pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://\S+/portal/sign-in/\?code=([A-Z0-9]{4}-[A-Z0-9]{4})")


def _record_and_send(record_feedback, young_person, capture, backend):
    with capture(execute=True):
        feedback = record_feedback([young_person])
    if backend == "database":
        call_command(
            "db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
        )
    return feedback


@pytest.mark.parametrize(
    "backend",
    [
        "immediate",
        # The database queue and its worker, committed for real as in production.
        "database",
    ],
)
def test_told_by_email_within_a_minute_with_a_link_that_signs_in_once(
    backend,
    settings,
    smtp,
    young_person,
    give_contact_consent,
    record_feedback,
    django_capture_on_commit_callbacks,
    client,
):
    if backend == "database":
        if "django_tasks_db" not in django_settings.INSTALLED_APPS:
            pytest.skip("django_tasks_db is not installed as an app: no database task queue")
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
        }
    else:
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        }
    give_contact_consent(young_person)
    started = time.monotonic()
    feedback = _record_and_send(
        record_feedback, young_person, django_capture_on_commit_callbacks, backend
    )

    assert smtp.wait_for(1, timeout=60), "no email arrived within 60 seconds"
    arrived, email = smtp.received[0]
    seconds = arrived - started
    print(f"\nTold by email ({backend} task backend) {seconds:.3f} s after the feedback")
    assert seconds < 60
    assert email["To"] == "sam@example.net"
    text = email.get_body(preferencelist=("plain",)).get_content()
    assert "The youth club is now open on Saturdays." in text
    message = Message.objects.get()
    assert (message.kind, message.status, message.feedback) == ("feedback_told", "sent", feedback)
    assert message.young_person == young_person and message.attempts == 1
    assert message.provider_reference == email["Message-ID"]

    # The link fills the code in; pressing the button signs in, once.
    code = LINK.search(text).group(1)
    link = LINK.search(text).group(0)
    page = client.get(link.split("://", 1)[1].split("/", 1)[1].join(["/", ""]))
    assert page.status_code == 200 and code in page.content.decode()
    signed_in = client.post(reverse("portal:sign-in"), {"code": code})
    assert signed_in.status_code == 302 and signed_in.url == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200
    client.post(reverse("portal:sign-out"))
    again = client.post(reverse("portal:sign-in"), {"code": code})
    assert again.status_code == 200 and CODE_SPENT in again.content.decode()

    # Recording the same feedback's messages again sends nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        from heard.messaging.services import queue_feedback_told

        assert queue_feedback_told(feedback=feedback) == 0
    assert not smtp.wait_for(2, timeout=0.5)
