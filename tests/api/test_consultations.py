"""The consultations API: the registry read by every staff role and kept by the right ones, the
409 "asked before" answer unless confirmed, questions, responses for those who keep the survey,
results exact or protected, and clear 400s."""

import datetime

import pytest
from django.utils import timezone

from heard.consultations import services
from heard.consultations.models import Consultation, Question
from heard.core.roles import Role
from tests import factories
from tests.consultations.conftest import answers_for
from tests.consultations.factories import ConsultationFactory, survey_with_questions

CONSULTATIONS = "/api/v1/consultations/"
QUESTIONS = "/api/v1/survey-questions/"
RESPONSES = "/api/v1/survey-responses/"


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
    return survey_with_questions(organisation, theme, today)


def _body(organisation, theme, **extra):
    body = {
        "title": "Buses survey",
        "organisation": organisation.pk,
        "method": "survey",
        "opens_on": "2026-10-01",
        "closes_on": "2026-10-31",
        "themes": [theme.pk],
        "age_bands": ["14_15"],
        "areas": ["Fenland"],
    }
    body.update(extra)
    return body


@pytest.mark.parametrize(
    "role", [Role.SAFEGUARDING_LEAD, Role.BOARD_MEMBER, Role.THEME_LEAD, Role.PARTNER_WORKER]
)
def test_every_staff_role_reads_the_registry(
    api_for, make_user, consultation, role, other_organisation
):
    api = api_for(
        make_user(role, organisation=other_organisation if role == Role.PARTNER_WORKER else None)
    )
    listed = api.get(CONSULTATIONS)
    assert listed.status_code == 200
    assert [row["title"] for row in listed.json()["results"]] == [consultation.title]
    one = api.get(f"{CONSULTATIONS}{consultation.pk}/").json()
    assert one["status"] in ("planned", "open", "closed") and one["organisation_name"]


def test_an_officer_starts_one_and_is_told_of_the_earlier_one(
    api_for, officer, organisation, theme
):
    earlier = ConsultationFactory(
        title="Transport 2026",
        themes=[theme],
        opens_on=datetime.date(2026, 3, 1),
        closes_on=datetime.date(2026, 3, 31),
    )
    api = api_for(officer)
    conflict = api.post(CONSULTATIONS, _body(organisation, theme), format="json")
    assert conflict.status_code == 409
    body = conflict.json()
    assert [row["id"] for row in body["similar"]] == [earlier.pk]
    assert body["similar"][0]["findings_url"].endswith(f"/consultations/{earlier.pk}/#findings")
    assert "Transport 2026" in body["confirm_similar"][0]
    assert Consultation.objects.count() == 1
    made = api.post(CONSULTATIONS, _body(organisation, theme, confirm_similar=True), format="json")
    assert made.status_code == 201, made.content
    assert made.json()["areas"] == ["Fenland"] and made.json()["owner"] == officer.pk
    url = f"{CONSULTATIONS}{made.json()['id']}/"
    changed = api.patch(url, {"findings": "Buses matter"}, format="json")
    assert changed.status_code == 200 and changed.json()["findings"] == "Buses matter"
    assert api.delete(url).status_code == 204


def test_bad_input_is_a_400_with_clear_messages(
    api_for, officer, partner_worker, organisation, other_organisation, theme
):
    api = api_for(officer)
    wrong = api.post(
        CONSULTATIONS,
        _body(organisation, theme, method="telepathy", closes_on="2026-09-01", age_bands=["old"]),
        format="json",
    )
    assert wrong.status_code == 400
    assert set(wrong.json()) >= {"method", "age_bands"}
    dates = api.post(
        CONSULTATIONS, _body(organisation, theme, closes_on="2026-09-01"), format="json"
    )
    assert dates.json()["closes_on"] == ["The closing date must be on or after the opening date."]
    theirs = api_for(partner_worker).post(
        CONSULTATIONS, _body(other_organisation, theme), format="json"
    )
    assert theirs.status_code == 400 and "organisation" in theirs.json()


def test_those_who_may_not_keep_it_are_refused(
    api_for, board_member, make_user, consultation, organisation, theme, other_organisation
):
    board = api_for(board_member)
    assert board.post(CONSULTATIONS, _body(organisation, theme), format="json").status_code == 403
    assert (
        board.patch(f"{CONSULTATIONS}{consultation.pk}/", {"title": "X"}, format="json").status_code
        == 403
    )
    other = api_for(make_user(Role.PARTNER_WORKER, organisation=other_organisation))
    assert (
        other.patch(f"{CONSULTATIONS}{consultation.pk}/", {"title": "X"}, format="json").status_code
        == 403
    )
    assert other.get(f"{CONSULTATIONS}999999/").status_code == 404


def test_questions_over_the_api(api_for, officer, board_member, consultation):
    api = api_for(officer)
    made = api.post(
        QUESTIONS,
        {
            "consultation": consultation.pk,
            "text": "Which?",
            "kind": "single",
            "options": ["A", "B"],
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    second = api.post(
        QUESTIONS, {"consultation": consultation.pk, "text": "Why?", "kind": "text"}, format="json"
    )
    one_option = api.post(
        QUESTIONS,
        {"consultation": consultation.pk, "text": "Q", "kind": "single", "options": ["A"]},
        format="json",
    )
    assert one_option.status_code == 400 and "options" in one_option.json()
    url = f"{QUESTIONS}{second.json()['id']}/"
    moved = api.post(f"{url}move/", {"direction": "up"}, format="json")
    assert moved.status_code == 200 and moved.json()["position"] == 1
    assert api.post(f"{url}move/", {"direction": "left"}, format="json").status_code == 400
    assert api.patch(url, {"text": "Why not?"}, format="json").json()["text"] == "Why not?"
    listed = api.get(QUESTIONS, {"consultation": consultation.pk}).json()["results"]
    assert [row["text"] for row in listed] == ["Why not?", "Which?"]
    assert api_for(board_member).patch(url, {"text": "X"}, format="json").status_code == 403
    assert api.delete(url).status_code == 204
    assert Question.objects.count() == 1


@pytest.fixture
def answered(survey, organisation):
    for number in range(3):
        services.survey_submit(
            young_person=factories.YoungPersonFactory(organisation=organisation),
            consultation=survey,
            answers=answers_for(survey, text=f"Idea {number}"),
        )
    return survey


def test_responses_for_those_who_keep_the_survey(api_for, officer, board_member, answered):
    listed = api_for(officer).get(RESPONSES, {"consultation": answered.pk}).json()["results"]
    assert len(listed) == 3 and len(listed[0]["answers"]) == 4
    assert listed[0]["young_person_reference"]
    assert api_for(board_member).get(RESPONSES).status_code == 403


def test_results_exact_for_leads_protected_for_the_board_once_closed(
    api_for, lead, board_member, answered, today
):
    url = f"{CONSULTATIONS}{answered.pk}/results/"
    exact = api_for(lead).get(url).json()
    assert exact["exact"] and exact["responses"] == 3
    assert [o["count"] for o in exact["questions"][0]["options"]] == [3, 0]
    assert [t["text"] for t in exact["questions"][3]["texts"]] == ["Idea 0", "Idea 1", "Idea 2"]
    board = api_for(board_member)
    assert board.get(url).status_code == 403
    Consultation.objects.filter(pk=answered.pk).update(closes_on=today - datetime.timedelta(days=1))
    protected = board.get(url).json()
    assert not protected["exact"] and protected["responses"] in ("fewer than 5", 5)
    assert protected["questions"][3]["texts"] == []
