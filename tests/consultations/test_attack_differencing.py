"""A board member (the protected reader, ADR 0008) attacks a closed survey's results by comparing
its outputs: the results on the page and the API, the answers' export, and the consultation's
own count of who answered beside the results."""

import pytest
from django.urls import reverse

from heard.consultations import selectors
from heard.consultations.models import Question
from heard.core.suppression import SMALL
from tests.consultations.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    SurveyResponseFactory,
)
from tests.core.disclosure import small_counts_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_survey(organisation):
    """A closed survey three young people answered: one single choice, one scale."""
    survey = ConsultationFactory(organisation=organisation)
    single = QuestionFactory(consultation=survey, position=1, options=["Yes", "No"])
    scale = QuestionFactory(consultation=survey, position=2, kind=Question.Kind.SCALE, options=[])
    for number in range(3):
        response = SurveyResponseFactory(consultation=survey)
        AnswerFactory(response=response, question=single, choices=["Yes" if number else "No"])
        AnswerFactory(response=response, question=scale, scale=number + 1)
    return survey


def test_who_answered_beside_the_results_is_the_results_figure(
    small_survey, board_member, officer, make_user, other_organisation
):
    """The consultation's count of who answered, read with it, is the results' protected
    figure for a board member (the same responses, the same key), exact for programme staff."""
    listed = selectors.consultations_visible_to(board_member).get(pk=small_survey.pk)
    shown = selectors.shown_response_count(board_member, listed)
    assert shown == selectors.survey_results(board_member, small_survey).responses
    assert shown in (SMALL, 5)
    assert selectors.shown_response_count(board_member, small_survey) == shown
    assert selectors.shown_response_count(officer, listed) == 3
    empty = ConsultationFactory(organisation=other_organisation)
    listed_empty = selectors.consultations_visible_to(board_member).get(pk=empty.pk)
    assert selectors.shown_response_count(board_member, listed_empty) == 0


def test_the_results_page_and_api_show_one_protected_figure_each(
    small_survey, board_member, client_for, api_for
):
    """Page and API give the same protected figures, none from 1 to 4, and the answers' export
    holds no answer for a board member (they cannot open the responses)."""
    results = selectors.survey_results(board_member, small_survey)
    api = api_for(board_member).get(f"/api/v1/consultations/{small_survey.pk}/results/")
    assert api.status_code == 200
    data = api.json()
    assert small_counts_in(data, skip=("consultation", "id", "question", "position", "mean")) == []
    shown = [[o.count for o in q.options] for q in results.questions]
    assert [[o["count"] for o in q["options"]] for q in data["questions"]] == shown
    page = client_for(board_member).get(
        reverse("consultations:consultation-results", args=[small_survey.pk])
    )
    assert page.status_code == 200
    export = client_for(board_member).get(
        reverse("consultations:consultation-results", args=[small_survey.pk]), {"format": "csv"}
    )
    assert export.status_code in (200, 403)
    if export.status_code == 200:
        assert len(export.content.decode().strip().splitlines()) <= 1


def test_a_board_member_is_not_shown_the_exact_number_who_answered(
    small_survey, board_member, client_for, api_for
):
    """The hole: the results say "fewer than 5" answered (or 5), while the consultation's list,
    page and API said 3, to the same board member."""
    api = api_for(board_member).get(f"/api/v1/consultations/{small_survey.pk}/")
    page = client_for(board_member).get(
        reverse("consultations:consultation-detail", args=[small_survey.pk])
    )
    assert api.json()["response_count"] != 3
    assert "3 young people answered" not in page.content.decode()
    assert "3 answers" not in page.content.decode()
