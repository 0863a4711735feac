"""Sending: cases of who is told, retries with back-off on a real SMTP server that is down and
then up, permanent failures, and interrupted sends (never sent twice)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from heard.messaging import services
from heard.messaging.models import Message
from heard.messaging.services.delivery import INTERRUPTED, STALE_AFTER
from heard.portal.models import SignInCode
from tests import factories
from tests.messaging.servers import free_port, smtp_server

pytestmark = pytest.mark.usefixtures("dummy_tasks")


def queued_for(record_feedback, young_person, capture):
    with capture(execute=True):
        record_feedback([young_person])
    return Message.objects.filter(young_person=young_person)


def test_no_consent_no_message(young_person, record_feedback, django_capture_on_commit_callbacks):
    assert not queued_for(record_feedback, young_person, django_capture_on_commit_callbacks)


def test_another_consent_is_not_consent_to_be_contacted(
    young_person, give_contact_consent, record_feedback, django_capture_on_commit_callbacks
):
    give_contact_consent(young_person, purpose="quotes")
    assert not queued_for(record_feedback, young_person, django_capture_on_commit_callbacks)


def test_withdrawn_consent_no_message(
    young_person,
    give_contact_consent,
    withdraw,
    record_feedback,
    django_capture_on_commit_callbacks,
):
    withdraw(give_contact_consent(young_person))
    assert not queued_for(record_feedback, young_person, django_capture_on_commit_callbacks)


def test_no_address_no_message(
    young_person, give_contact_consent, record_feedback, django_capture_on_commit_callbacks
):
    young_person.contact_email = ""
    young_person.save()
    give_contact_consent(young_person)
    assert not queued_for(record_feedback, young_person, django_capture_on_commit_callbacks)


def test_inactive_young_person_no_message(
    young_person, give_contact_consent, record_feedback, django_capture_on_commit_callbacks
):
    give_contact_consent(young_person)
    young_person.is_active = False
    young_person.save()
    assert not queued_for(record_feedback, young_person, django_capture_on_commit_callbacks)


def test_group_members_told_too(
    officer, organisation, give_contact_consent, today, django_capture_on_commit_callbacks
):
    from heard.voice import services as voice_services

    group = factories.GroupFactory(host_organisation=organisation)
    member, left, quiet = (factories.MembershipFactory(group=group).young_person for _ in range(3))
    for person in (member, left):
        person.contact_email = f"{person.pk}@example.net"
        person.save()
        give_contact_consent(person)
    left.memberships.update(left_on=today)
    view = factories.ViewFactory(
        session=None, group=group, organisation=organisation, recorded_on=today
    )
    response = voice_services.response_record(
        actor=officer,
        views=[view],
        decision_maker="Council",
        outcome="changed",
        explanation="Done.",
        plain_language="We did it.",
        date=today,
    )
    with django_capture_on_commit_callbacks(execute=True):
        voice_services.feedback_record(
            actor=officer, response=response, date=today, channel="in_person", groups=[group]
        )
    assert list(Message.objects.values_list("young_person", flat=True)) == [member.pk]


def test_feedback_gone_before_its_hook_ran_queues_nothing(db):
    services.feedback_recorded(feedback_id=987654)
    assert not Message.objects.exists()


@pytest.fixture
def withdraw(today):
    from heard.privacy import services as privacy_services

    def run(consent):
        return privacy_services.consent_withdraw(
            actor=None,
            consent=consent,
            withdrawn_on=today,
            withdrawn_by="parent_or_carer",
            withdrawn_how="written",
        )

    return run


@pytest.fixture
def queued(young_person, give_contact_consent, record_feedback, django_capture_on_commit_callbacks):
    consent = give_contact_consent(young_person)
    messages = queued_for(record_feedback, young_person, django_capture_on_commit_callbacks)
    message = messages.get()
    message.consent = consent
    return message


def test_consent_withdrawn_after_queueing_is_not_sent(queued, withdraw, smtp):
    withdraw(queued.consent)
    assert services.deliver_due() == {"cancelled": 1}
    queued.refresh_from_db()
    assert queued.status == "cancelled" and not smtp.received
    assert not SignInCode.objects.exists()


def test_smtp_down_retried_with_back_off_then_sent(queued, settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    now = timezone.now()
    waits = []
    for attempt in (1, 2, 3):
        assert services.deliver_due(now=now) == {"retrying": 1}
        queued.refresh_from_db()
        assert (queued.status, queued.attempts) == ("retrying", attempt)
        assert queued.last_error == "ConnectionRefusedError"
        waits.append(queued.next_attempt_at - now)
        # Not due again until its wait is over.
        assert (
            services.deliver_due(now=queued.next_attempt_at - datetime.timedelta(seconds=1)) == {}
        )
        now = queued.next_attempt_at
    assert waits == [datetime.timedelta(minutes=m) for m in (1, 2, 4)]
    # Each failed attempt's sign-in code was taken back: it was in no message.
    assert SignInCode.objects.filter(revoked_at__isnull=False).count() == 3
    with smtp_server(port) as (_port, inbox):
        assert services.deliver_due(now=now) == {"sent": 1}
        assert inbox.wait_for(1, timeout=10)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == ("sent", 4, "")
    assert SignInCode.objects.filter(revoked_at__isnull=True).count() == 1
    assert services.deliver_due(now=now + datetime.timedelta(hours=1)) == {}


def test_failed_for_good_after_six_attempts(queued, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    now = timezone.now()
    for _ in range(services.MAX_ATTEMPTS):
        services.deliver_due(now=now)
        queued.refresh_from_db()
        now = queued.next_attempt_at
    assert (queued.status, queued.attempts) == ("failed", 6)
    assert services.deliver_due(now=now + datetime.timedelta(days=1)) == {}


def test_backoff_doubles():
    assert [services.backoff(n).total_seconds() / 60 for n in range(1, 6)] == [1, 2, 4, 8, 16]


def test_sent_once_by_two_sweeps(queued, smtp):
    assert services.deliver_due() == {"sent": 1}
    assert services.deliver_due() == {}
    assert smtp.wait_for(1, timeout=10)
    assert not smtp.wait_for(2, timeout=0.5)


def test_interrupted_send_fails_and_is_not_sent_again(queued, smtp):
    """A worker that died while sending: the message may have gone, so it is not sent again."""
    claimed = timezone.now() - STALE_AFTER - datetime.timedelta(seconds=1)
    Message.objects.filter(pk=queued.pk).update(status="sending", claim="x", claimed_at=claimed)
    assert services.deliver_due() == {}
    queued.refresh_from_db()
    assert (queued.status, queued.last_error) == ("failed", INTERRUPTED)
    assert not smtp.received


def test_sending_not_yet_stale_is_left_alone(queued):
    Message.objects.filter(pk=queued.pk).update(
        status="sending", claim="x", claimed_at=timezone.now()
    )
    assert services.release_stale(now=timezone.now()) == 0
    queued.refresh_from_db()
    assert queued.status == "sending"


def test_feedback_deleted_before_sending_is_not_sent(queued, smtp):
    Message.objects.filter(pk=queued.pk).update(feedback=None)
    assert services.deliver_due() == {"cancelled": 1}


def test_smtp_accepted_is_sent_and_has_no_status_to_read(queued, smtp):
    services.deliver_due()
    assert services.poll_statuses() == 0
    queued.refresh_from_db()
    assert queued.status == "sent" and queued.sent_at is not None


def test_plain_language_reads_at_a_child_s_level(queued, smtp):
    from heard.voice.readability import reading_age

    services.deliver_due()
    assert smtp.wait_for(1)
    text = smtp.received[0][1].get_body(preferencelist=("plain",)).get_content()
    words = text.split("http")[0]
    assert reading_age(words) <= 11, reading_age(words)
    assert "Sam" not in text  # no name: the message is for them, not about them


def test_reminder_with_smtp_down_is_retried(db, safeguarding_lead, settings):
    from heard.messaging.backends import EmailBackend

    Message.objects.create(
        kind="concerns_waiting",
        user=safeguarding_lead,
        dedupe_key="reminder:test",
        details={"count": 2},
        next_attempt_at=timezone.now(),
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    assert services.deliver_due() == {"retrying": 1}
    assert EmailBackend().status("<any@heard>") is None


def test_a_code_for_a_message_needs_an_active_young_person(young_person):
    from django.core.exceptions import ValidationError

    from heard.portal.message_codes import sign_in_code_issue_for_message

    young_person.is_active = False
    with pytest.raises(ValidationError):
        sign_in_code_issue_for_message(young_person=young_person)
