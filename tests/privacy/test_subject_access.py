"""A subject access export holds every kind of record Heard keeps about the young person: the
responses to their views, feedback and ratings, individual sessions and equality answers in
words; the PDF is made from the same data."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from heard.privacy import services
from heard.privacy.models import EqualityRecord
from heard.privacy.pdf import subject_access_pdf
from tests import factories

NOW = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(officer):
    with time_machine.travel(NOW, tick=False):
        young_person = factories.YoungPersonFactory(first_name="Priya", age_band="16_17")
        view = factories.ViewFactory(young_people=[young_person], text="More buses")
        response = factories.ResponseFactory(views=[view], decision_maker="Transport board")
        feedback = factories.FeedbackFactory(response=response)
        feedback.young_people.set([young_person])
        factories.RatingFactory(response=response, young_person=young_person, comment="Good")
        factories.SessionFactory(group=None, young_person=young_person, title="One to one")
        EqualityRecord.objects.create(
            young_person=young_person, gender="another_way", gender_description="Fluid"
        )
    return young_person


def test_the_export_holds_responses_feedback_ratings_and_equality_answers(officer, subject):
    data = services.subject_access_export(actor=officer, young_person=subject, format="json")

    (view,) = data["views"]
    assert view["responses"][0]["decision_maker"] == "Transport board"
    assert data["feedback"][0]["response"]["decision_maker"] == "Transport board"
    assert data["ratings"][0]["comment"] == "Good"
    assert data["sessions"][-1]["attendance"] == "Individual session"
    assert data["sessions"][-1]["group"] == ""
    answers = data["equality_monitoring"]
    assert answers["gender"] == "In another way" and answers["gender_description"] == "Fluid"
    assert answers["ethnicity"] == ""


def test_the_pdf_and_the_page_are_for_programme_staff(client_for, officer, partner_worker, subject):
    assert subject_access_pdf(
        services.subject_access_export(actor=officer, young_person=subject, format="pdf")
    ).startswith(b"%PDF")
    page = client_for(officer).get(reverse("privacy:subject-access", args=[subject.pk]))
    assert page.status_code == 200 and subject.reference in page.content.decode()
    response = client_for(officer).get(reverse("privacy:subject-access-pdf", args=[subject.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert f"{subject.reference}.pdf" in response["Content-Disposition"]
