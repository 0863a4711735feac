"""A subject access export holds what the young person did where young people decide (issue 19):
that they voted (never what they chose), the ideas they proposed, their survey answers, their
opportunity sign-ups, recognitions and hours, and expense claims with their receipts listed;
never another young person's."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from heard.consultations import services as consultation_services
from heard.decisions import services as decision_services
from heard.opportunities.models import SignUp
from heard.privacy import selectors, services
from heard.privacy.pdf import subject_access_pdf
from heard.privacy.selectors.decided import CHOICES_NOT_HELD
from heard.rewards.models import ExpenseClaim, Recognition
from tests import factories
from tests.consultations.factories import survey_with_questions
from tests.decisions.factories import ProposalFactory, RoundFactory
from tests.opportunities.factories import SignUpFactory
from tests.rewards.factories import ClaimFactory, ItemFactory, RecognitionFactory

pytestmark = pytest.mark.django_db

NAME = "Priya"


def involve(young_person, *, voters=()):
    """Everything a young person can do where young people decide, once each: a vote (with
    ``voters`` voting too), an idea, a survey answered, a sign-up, hours given, a paid claim
    with a receipt. Returns the round and the survey."""
    today = timezone.localdate()
    organisation = young_person.organisation
    round_ = RoundFactory(organisation=organisation, title="Annual event budget")
    lights = ProposalFactory(round=round_, title="Skate park lights")
    ProposalFactory(
        round=round_,
        title="Youth club trips",
        description="Trips for the youth club.",
        proposed_by_young_person=young_person,
    )
    for voter in (young_person, *voters):
        decision_services.ballot_cast(young_person=voter, round=round_, choices={lights: 1})
    survey = survey_with_questions(organisation, factories.ThemeFactory(), today)
    questions = list(survey.questions.order_by("position"))
    for person in (young_person, *voters):
        consultation_services.survey_submit(
            young_person=person,
            consultation=survey,
            answers={
                f"question_{questions[0].pk}": "Yes",
                f"question_{questions[1].pk}": ["Sport"],
                f"question_{questions[2].pk}": "4",
                f"question_{questions[3].pk}": f"{person.first_name} says more buses",
            },
        )
    SignUpFactory(young_person=young_person, opportunity__title="Interview panel")
    RecognitionFactory(
        young_person=young_person,
        kind=Recognition.Kind.HOURS,
        title="Youth panel",
        hours=Decimal("3.5"),
        details=f"{young_person.first_name} chaired the panel",
    )
    claim = ClaimFactory(
        organisation=organisation,
        young_person=young_person,
        status=ExpenseClaim.Status.PAID,
        paid_on=datetime.date(2026, 10, 20),
    )
    ItemFactory(
        claim=claim,
        receipt=SimpleUploadedFile("ticket.pdf", b"%PDF-1.4 bus ticket"),
        receipt_content_type="application/pdf",
        receipt_size=19,
    )
    ItemFactory(claim=claim, kind="subsistence", description="Lunch", amount=Decimal("6.00"))
    return round_, survey


@pytest.fixture
def subject(organisation):
    return factories.YoungPersonFactory(organisation=organisation, first_name=NAME)


def test_the_export_says_they_voted_never_what_they_chose(officer, subject):
    involve(subject)
    data = services.subject_access_export(actor=officer, young_person=subject, format="json")

    (ballot,) = data["ballots"]
    assert ballot["round"] == "Annual event budget" and ballot["how"] == "Portal"
    assert ballot["what_they_chose"] == CHOICES_NOT_HELD
    assert "Skate park lights" not in json.dumps(data["ballots"])
    (proposal,) = data["proposals"]
    assert (proposal["title"], proposal["status"], proposal["cost"]) == (
        "Youth club trips",
        "On the shortlist",
        "2000.00",
    )


def test_the_export_holds_answers_sign_ups_recognition_and_claims(officer, subject):
    involve(subject)
    data = services.subject_access_export(actor=officer, young_person=subject, format="json")

    (response,) = data["survey_responses"]
    assert response["consultation"] == "Have Your Say"
    assert [a["answer"] for a in response["answers"]] == [
        "Yes",
        "Sport",
        "4",
        f"{NAME} says more buses",
    ]
    (sign_up,) = data["opportunity_sign_ups"]
    assert (sign_up["opportunity"], sign_up["status"]) == ("Interview panel", "Signed up")
    (recognition,) = data["recognitions"]
    assert (recognition["kind"], recognition["hours"]) == ("Volunteering hours", "3.5")
    assert data["recognised_hours"] == "3.5"
    (claim,) = data["expense_claims"]
    assert (claim["status"], claim["paid_on"], claim["total"]) == ("Paid", "2026-10-20", "10.50")
    receipts = [item["receipt"] for item in claim["items"]]
    assert receipts[0]["file"].startswith("ticket") and receipts[0]["type"] == "application/pdf"
    assert receipts[1] is None
    json.dumps(data)  # every value is plain JSON


def test_another_young_persons_records_stay_out(officer, subject, organisation):
    other = factories.YoungPersonFactory(organisation=organisation, first_name="Sam")
    involve(subject, voters=[other])
    SignUpFactory(young_person=other, opportunity__title="Media day")

    text = json.dumps(selectors.subject_access_data(subject))
    assert "Sam says more buses" not in text and "Media day" not in text
    assert len(selectors.subject_access_data(other)["ballots"]) == 1
    assert selectors.subject_access_data(other)["proposals"] == []


def test_the_export_reads_the_same_number_of_queries_for_more_records(subject, organisation):
    involve(subject)
    with CaptureQueriesContext(connection) as one:
        selectors.subject_access_data(subject)
    involve(subject)
    SignUpFactory(young_person=subject)
    assert SignUp.objects.filter(young_person=subject).count() == 3
    with CaptureQueriesContext(connection) as two:
        selectors.subject_access_data(subject)
    assert len(two) == len(one)


def test_the_pdf_and_the_page_name_the_new_records(client_for, officer, subject):
    involve(subject)
    data = services.subject_access_export(actor=officer, young_person=subject, format="pdf")
    assert subject_access_pdf(data).startswith(b"%PDF")
    page = client_for(officer).get(reverse("privacy:subject-access", args=[subject.pk]))
    assert "never what they chose" in page.content.decode()
