"""A young person's History page reads privacy's audit entries as words: an export's format, an
anonymisation's reason and the questions of an equality record, never "p -> d" (issue 16)."""

import datetime

import pytest
from django.urls import reverse

from heard.core import events as core_events
from heard.core.roles import AgeBand
from heard.privacy import events, services
from tests import factories

pytestmark = pytest.mark.django_db


def history(client_for, user, obj):
    url = reverse("core:history", args=[obj._meta.label_lower, obj.pk])
    response = client_for(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_subject_access_export_reads_as_its_format_on_the_history_page(client_for, officer):
    young_person = factories.YoungPersonFactory()
    services.subject_access_export(actor=officer, young_person=young_person, format="pdf")

    page = history(client_for, officer, young_person)

    assert "Exported as PDF" in page
    assert "p &rarr; d" not in page


def test_an_anonymisation_reads_as_its_reason_on_the_history_page(client_for, officer):
    young_person = factories.YoungPersonFactory()
    services.young_person_anonymise(actor=officer, young_person=young_person)

    page = history(client_for, officer, young_person)

    assert "Anonymised the record" in page and "Erasure on request" in page
    assert "e &rarr; r" not in page and "first_name" not in page


def test_an_equality_record_history_names_the_questions_never_the_answers(client_for, officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    services.consent_record(
        actor=officer,
        young_person=young_person,
        purpose="equality_data",
        given_by="young_person",
        given_on=datetime.date(2026, 1, 5),
        how="written",
    )
    record = services.equality_record_save(
        actor=officer, young_person=young_person, gender="boy_man"
    )
    services.equality_record_save(actor=officer, young_person=young_person, religion="none")

    page = history(client_for, officer, record)

    assert "Questions answered or changed: gender" in page
    assert "Questions answered or changed: religion" in page
    assert "Boy or man" not in page and "boy_man" not in page


def test_a_withdrawal_reads_as_its_changes(client_for, officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    consent = services.consent_record(
        actor=officer,
        young_person=young_person,
        purpose="photographs",
        given_by="young_person",
        given_on=datetime.date(2026, 1, 5),
        how="written",
    )
    services.consent_withdraw(
        actor=officer,
        consent=consent,
        withdrawn_on=datetime.date(2026, 2, 1),
        withdrawn_by="young_person",
        withdrawn_how="verbal",
    )

    page = history(client_for, officer, consent)

    assert "Recorded a consent" in page and "Withdrew the consent" in page
    assert "(empty) &rarr; 1 February 2026" in page and "(empty) &rarr; Verbal" in page


@pytest.mark.parametrize(
    ("event", "metadata", "words"),
    [
        (events.SUBJECT_ACCESS_EXPORTED, {"format": "json"}, "Exported as JSON"),
        (events.YOUNG_PERSON_ANONYMISED, {"reason": "retention"}, "Retention period ended"),
        (events.ANONYMISATION_RECORDED, {"reason": "legal_hold"}, "Legal hold"),
        (events.EQUALITY_CHANGED, {"fields": []}, "Questions answered or changed: none"),
        (events.EQUALITY_DELETED, {"because": "anonymised"}, "record was anonymised"),
        (events.EQUALITY_DELETED, {"because": "other_reason"}, "Other reason"),
    ],
)
def test_each_privacy_event_reads_as_words(event, metadata, words):
    assert words in core_events.lookup(event.name).detail(metadata)
