"""The portal's surveys: listed by audience, answered once on one page without JavaScript,
what was typed kept when something needs fixing, and a thank-you page."""

import datetime

from django.urls import reverse

from heard.consultations.models import Consultation, SurveyResponse
from tests import factories

SURVEYS = reverse("consultations:portal-surveys")


def _post(survey, **overrides):
    questions = list(survey.questions.order_by("position"))
    data = {
        f"question_{questions[0].pk}": "Yes",
        f"question_{questions[1].pk}": ["Sport", "Art"],
        f"question_{questions[2].pk}": "5",
        f"question_{questions[3].pk}": "Longer opening hours",
    }
    data.update(overrides)
    return data


def test_a_young_person_answers_a_survey_once(portal_client, survey, young_person):
    client = portal_client(young_person)
    listing = client.get(SURVEYS).content.decode()
    assert "Have Your Say" in listing and "Surveys</a>" in listing
    url = reverse("consultations:portal-survey", args=[survey.pk])
    page = client.get(url).content.decode()
    assert 'type="radio"' in page and 'type="checkbox"' in page and "<textarea" in page
    assert "5 - Very" in page
    sent = client.post(url, _post(survey))
    assert sent.url == reverse("consultations:portal-survey-thanks", args=[survey.pk])
    assert "Thank you" in client.get(sent.url).content.decode()
    response = SurveyResponse.objects.get()
    assert response.young_person == young_person
    assert "You have answered this one" in client.get(SURVEYS).content.decode()
    again = client.get(url, follow=True)
    assert "You have already answered this survey" in again.content.decode()
    client.post(url, _post(survey))
    assert SurveyResponse.objects.count() == 1


def test_what_was_typed_stays_when_something_needs_fixing(portal_client, survey, young_person):
    client = portal_client(young_person)
    url = reverse("consultations:portal-survey", args=[survey.pk])
    first = survey.questions.get(position=1)
    page = client.post(url, _post(survey, **{f"question_{first.pk}": ""}))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Answer this question." in body and "Longer opening hours" in body
    assert not SurveyResponse.objects.exists()


def test_surveys_for_others_are_not_shown(portal_client, survey, organisation, today):
    Consultation.objects.filter(pk=survey.pk).update(age_bands=["18_25"])
    young_person = factories.YoungPersonFactory(organisation=organisation)
    client = portal_client(young_person)
    assert "No surveys for you right now" in client.get(SURVEYS).content.decode()
    assert client.get(reverse("consultations:portal-survey", args=[survey.pk])).status_code == 404


def test_signed_out_visitors_sign_in_first(client, survey):
    assert client.get(SURVEYS).url == reverse("portal:sign-in")


def test_a_survey_closing_while_it_is_answered(portal_client, survey, young_person, today):
    client = portal_client(young_person)
    url = reverse("consultations:portal-survey", args=[survey.pk])
    Consultation.objects.filter(pk=survey.pk).update(closes_on=today - datetime.timedelta(days=1))
    assert client.post(url, _post(survey)).status_code == 404
