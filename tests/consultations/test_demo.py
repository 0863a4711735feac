"""The demo's consultations: the open Have Your Say survey answered by ten young people, last
year's and others on the same themes, so starting one on them shows the earlier ones; the
young person the browser tests sign in as is offered the survey."""

import pytest
import time_machine
from django.db.models import Count

from heard.consultations import selectors
from heard.consultations.models import Consultation, SurveyResponse
from heard.demo import data
from heard.people.models import User, YoungPerson
from tests.demo_database import NOW, TODAY


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


def test_the_demo_has_the_have_your_say_survey_and_earlier_ones(demo):
    assert demo.counts["consultations"] == Consultation.objects.count() == 4
    assert demo.counts["survey responses"] == SurveyResponse.objects.count() == 10
    survey = Consultation.objects.get(title="Have Your Say 2026")
    assert survey.status_on(TODAY) == "open"
    assert sorted(survey.questions.values_list("kind", flat=True)) == [
        "multiple",
        "scale",
        "single",
        "text",
    ]
    lead = User.objects.get(email=data.LEAD_EMAIL)
    results = selectors.survey_results(lead, survey)
    assert results.responses == 10 and len(results.questions[3].texts) == 5
    similar = selectors.similar_consultations(
        themes=list(survey.themes.all()), opens_on=TODAY, closes_on=TODAY
    )
    assert {c.title for c in similar} >= {
        "Have Your Say survey (last year)",
        "Mental health support: focus groups",
        "Have Your Say 2026",
    }


def test_the_browser_tests_young_person_is_offered_the_survey(demo):
    with time_machine.travel(NOW, tick=False):
        person = (
            YoungPerson.objects.annotate(times=Count("attendances"))
            .order_by("-times", "pk")
            .first()
        )
        assert [s.title for s in selectors.portal_surveys(person)] == ["Have Your Say 2026"]
        assert not selectors.has_answered(
            person, Consultation.objects.get(title="Have Your Say 2026")
        )
