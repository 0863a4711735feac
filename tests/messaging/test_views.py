import pytest
from django.urls import reverse
from django.utils import timezone

from heard.core.models import AuditEntry
from heard.messaging.models import Message

pytestmark = pytest.mark.usefixtures("dummy_tasks")

LIST = "/messages/"


@pytest.fixture
def told(young_person):
    return Message.objects.create(
        kind="feedback_told",
        young_person=young_person,
        dedupe_key=f"feedback:1:yp:{young_person.pk}",
        status="failed",
        attempts=6,
        last_error="ConnectionRefusedError",
        next_attempt_at=timezone.now(),
    )


def test_routes():
    assert reverse("messaging:list") == LIST
    assert reverse("messaging:reminders") == "/account/reminders/"


def test_list_shows_the_reference_never_the_name(client_for, admin_user, told, young_person):
    page = client_for(admin_user).get(LIST)
    body = page.content.decode()
    assert page.status_code == 200
    assert young_person.reference in body
    assert young_person.first_name not in body and "sam@example.net" not in body
    assert "Failed permanently" in body and "Retry now" in body


def test_list_filters_and_csv(client_for, lead, told, young_person):
    client = client_for(lead)
    assert young_person.reference not in client.get(LIST, {"status": "sent"}).content.decode()
    answer = client.get(LIST, {"format": "csv"})
    csv = b"".join(answer.streaming_content).decode()
    assert young_person.reference in csv and "ConnectionRefusedError" in csv
    assert "Retry now" not in csv


@pytest.mark.parametrize("role", ["officer", "theme_lead", "safeguarding_lead", "board_member"])
def test_only_administrators_and_leads_read_messages(client_for, make_user, role, told):
    client = client_for(make_user(role))
    assert client.get(LIST).status_code == 403
    assert client.post(reverse("messaging:retry", args=[told.pk])).status_code == 403


def test_retry_now_queues_again_and_is_audited(client_for, admin_user, told):
    answer = client_for(admin_user).post(reverse("messaging:retry", args=[told.pk]))
    assert answer.status_code == 302 and answer.url == LIST
    told.refresh_from_db()
    assert (told.status, told.attempts) == ("queued", 0)
    entry = AuditEntry.objects.get(event="message.retried")
    assert entry.actor == admin_user
    assert entry.changes == {"status": ["failed", "queued"], "attempts": [6, 0]}
    # Only a failed message is sent again.
    assert (
        client_for(admin_user).post(reverse("messaging:retry", args=[told.pk])).status_code == 403
    )


def test_retry_needs_post(client_for, admin_user, told):
    assert client_for(admin_user).get(reverse("messaging:retry", args=[told.pk])).status_code == 405


def test_reminders_page_switches_one_s_own(client_for, safeguarding_lead):
    from heard.messaging.selectors import reminder_settings

    client = client_for(safeguarding_lead)
    page = client.get(reverse("messaging:reminders"))
    assert page.status_code == 200 and "Concerns waiting" in page.content.decode()
    answer = client.post(reverse("messaging:reminders"), {"checks_due": "on"})
    assert answer.status_code == 302
    wanted = reminder_settings(safeguarding_lead)
    assert wanted["checks_due"] is True and wanted["concerns_waiting"] is False
    entry = AuditEntry.objects.get(event="reminder_preference.changed")
    assert entry.actor == safeguarding_lead


def test_reminders_page_needs_sign_in(client):
    assert client.get(reverse("messaging:reminders")).status_code == 302


def test_message_str_and_recipient(told, admin_user):
    assert str(told) == "Feedback told to a young person (Failed permanently)"
    staff = Message(kind="actions_due", user=admin_user)
    assert staff.recipient_reference == admin_user.email


def test_list_queries_do_not_grow_with_its_rows(
    client_for, admin_user, young_person, count_queries
):
    client = client_for(admin_user)
    client.get(LIST)  # the session and its first reads

    def page():
        assert client.get(LIST).status_code == 200

    for n in range(2):
        Message.objects.create(
            kind="feedback_told",
            young_person=young_person,
            dedupe_key=f"q:{n}",
            next_attempt_at=timezone.now(),
        )
    few, _ = count_queries(page)
    for n in range(2, 12):
        Message.objects.create(
            kind="actions_due", user=admin_user, dedupe_key=f"q:{n}", next_attempt_at=timezone.now()
        )
    many, _ = count_queries(page)
    assert few == many
