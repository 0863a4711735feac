"""Loop figures: young people told by message, counted once they were sent to."""

import pytest
from django.urls import reverse

from heard.core import disclosure
from heard.messaging import services
from heard.messaging.models import Message
from heard.voice.selectors.told import told_by_message

pytestmark = pytest.mark.usefixtures("dummy_tasks")


def test_told_by_message_counts_young_people_sent_to(
    young_person,
    give_contact_consent,
    record_feedback,
    django_capture_on_commit_callbacks,
    smtp,
    lead,
    client_for,
):
    give_contact_consent(young_person)
    with django_capture_on_commit_callbacks(execute=True):
        record_feedback([young_person])
    assert told_by_message(user=lead).count == 0  # queued, not yet sent
    services.deliver_due()
    told = told_by_message(user=lead)
    assert told == disclosure.Cell(1, disclosure.record_key("young_person", young_person.pk))
    page = client_for(lead).get(reverse("voice:loop-figures"))
    assert page.context["told_row"] == ("Young people told by message", "1")
    Message.objects.update(status="delivered")
    assert told_by_message(user=lead).count == 1
    Message.objects.update(status="failed")
    assert told_by_message(user=lead).count == 0


def test_protected_readers_see_it_protected(
    young_person,
    give_contact_consent,
    record_feedback,
    django_capture_on_commit_callbacks,
    smtp,
    board_member,
    client_for,
):
    give_contact_consent(young_person)
    with django_capture_on_commit_callbacks(execute=True):
        record_feedback([young_person])
    services.deliver_due()
    page = client_for(board_member).get(reverse("voice:loop-figures"))
    label, value = page.context["told_row"]
    assert value != "1"
