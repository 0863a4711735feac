import datetime

import pytest
from django.utils import timezone

from heard.privacy import services as privacy_services
from heard.voice import services as voice_services
from tests import factories
from tests.messaging.servers import smtp_server


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run when enqueued (after the commit that enqueued them)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def dummy_tasks(settings):
    """Tasks are kept, not run: the test sends by calling ``deliver_due`` itself."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def smtp(settings):
    with smtp_server() as (port, inbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 10
        yield inbox


@pytest.fixture
def give_contact_consent(db, today):
    def give(young_person, purpose="contact"):
        return privacy_services.consent_record(
            actor=None,
            young_person=young_person,
            purpose=purpose,
            given_by="parent_or_carer",
            given_on=today - datetime.timedelta(days=30),
            how="written",
        )

    return give


@pytest.fixture
def young_person(organisation):
    return factories.YoungPersonFactory(
        organisation=organisation, contact_email="sam@example.net", preferred_name="Sam"
    )


@pytest.fixture
def responded(officer, young_person, today):
    """A response to a view the young person gave, waiting to be fed back."""
    view = factories.ViewFactory(
        session=None,
        organisation=young_person.organisation,
        recorded_on=today - datetime.timedelta(days=10),
        young_people=[young_person],
    )
    return voice_services.response_record(
        actor=officer,
        views=[view],
        decision_maker="Head of Youth Services",
        outcome="changed",
        explanation="The youth club now opens on Saturdays.",
        plain_language="The youth club is now open on Saturdays.",
        date=today - datetime.timedelta(days=5),
    )


@pytest.fixture
def record_feedback(officer, responded, today):
    def record(young_people, **kwargs):
        return voice_services.feedback_record(
            actor=officer,
            response=responded,
            date=today,
            channel="in_person",
            young_people=young_people,
            **kwargs,
        )

    return record
