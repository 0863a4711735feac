import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from heard.portal import services as portal_services
from tests import factories
from tests.consultations.factories import ConsultationFactory, survey_with_questions


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def theme(db):
    return factories.ThemeFactory()


@pytest.fixture
def consultation(organisation, theme):
    return ConsultationFactory(organisation=organisation, themes=[theme])


@pytest.fixture
def survey(organisation, theme, today):
    """An open survey with one question of each kind."""
    return survey_with_questions(organisation, theme, today)


@pytest.fixture
def young_person(organisation):
    return factories.YoungPersonFactory(organisation=organisation)


def answers_for(survey, *, single="Yes", multiple=("Sport",), scale="4", text="More buses"):
    questions = list(survey.questions.order_by("position"))
    return {
        f"question_{questions[0].pk}": single,
        f"question_{questions[1].pk}": list(multiple),
        f"question_{questions[2].pk}": scale,
        f"question_{questions[3].pk}": text,
    }


@pytest.fixture
def portal_client(db, officer):
    """``portal_client(young_person)``: a fresh client signed in to the portal with a new code."""

    def sign_in(young_person):
        client = Client()
        _, code = portal_services.sign_in_code_issue(actor=officer, young_person=young_person)
        answer = client.post(reverse("portal:sign-in"), {"code": code})
        assert answer.status_code == 302, answer.content
        return client

    return sign_in
