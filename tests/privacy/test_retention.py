"""Retention and erasure at their edges: a leap day, an old record with a recent view, a reason
that is not one, portal codes taken back; and the input checks the consent services share."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from heard.core.roles import AgeBand
from heard.portal import services as portal_services
from heard.privacy import selectors, services
from heard.privacy.models import Consent
from tests import factories

OLD = datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


def test_the_cutoff_of_a_leap_day_is_the_28th_of_february():
    years = selectors.retention_cutoff(datetime.date(2028, 2, 29)).year
    assert selectors.retention_cutoff(datetime.date(2028, 2, 29)) == datetime.date(years, 2, 28)


def test_an_old_record_with_a_recent_view_is_not_due():
    with time_machine.travel(OLD):
        young_person = factories.YoungPersonFactory()
    factories.ViewFactory(young_people=[young_person], recorded_on=datetime.date(2026, 10, 1))
    assert selectors.retention_due(today=datetime.date(2026, 11, 20)) == []


def test_anonymising_needs_a_known_reason_and_takes_back_portal_codes(officer):
    young_person = factories.YoungPersonFactory()
    code, _ = portal_services.sign_in_code_issue(actor=officer, young_person=young_person)
    with pytest.raises(ValidationError) as exc:
        services.young_person_anonymise(actor=officer, young_person=young_person, reason="whim")
    assert "reason" in exc.value.message_dict
    services.young_person_anonymise(actor=officer, young_person=young_person)
    code.refresh_from_db()
    assert code.revoked_at is not None


def test_a_withdrawal_adds_its_notes_and_takes_a_moment_as_its_day(officer):
    young_person = factories.YoungPersonFactory(age_band=AgeBand.AGE_16_17)
    consent = services.consent_record(
        actor=officer,
        young_person=young_person,
        purpose="photographs",
        given_by="young_person",
        given_on=datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC),
        how="written",
        notes="Given at the forum",
    )
    withdrawn = services.consent_withdraw(
        actor=officer,
        consent=consent,
        withdrawn_on="2026-02-01",
        withdrawn_by="young_person",
        withdrawn_how="verbal",
        notes="Changed their mind",
    )
    assert withdrawn.given_on == datetime.date(2026, 1, 5)
    assert Consent.objects.get().notes == "Given at the forum\nChanged their mind"


def test_a_consent_date_that_is_not_a_date_is_refused(officer):
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=officer,
            young_person=factories.YoungPersonFactory(),
            purpose="taking_part",
            given_by="young_person",
            given_on=20260105,
            how="written",
        )
    assert exc.value.message_dict["given_on"] == ["Enter the date the consent was given."]


def test_equality_answers_keep_a_description_only_for_another_way(officer):
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
        actor=officer,
        young_person=young_person,
        gender="another_way",
        gender_description="Fluid",
    )
    assert record.gender_description == "Fluid"
    with pytest.raises(TypeError):
        services.equality_record_save(actor=officer, young_person=young_person, shoe_size="9")
