"""Consultations, questions and answers whose every stored string is a payload, for the
stored-markup crawl (tests/core/test_form_markup.py), and the ids each page needs. The portal's
survey pages are opened as the world's young person (``PORTAL_PAGES``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from heard.consultations import services
from tests import factories

#: The portal's "Surveys" pages, opened as the signed-in young person.
PORTAL_PAGES = (
    "consultations:portal-surveys",
    "consultations:portal-survey",
    "consultations:portal-survey-thanks",
)


def consultation_pages(
    organisation: Any, theme: Any, young_person: Any, payload: Callable[[str], str]
) -> dict[str, Any]:
    today = timezone.localdate()
    survey = services.consultation_create(
        actor=None,
        title=payload("Survey"),
        summary=payload("Summary"),
        organisation=organisation,
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=30),
        method="survey",
        themes=[theme],
        areas=[payload("Area"), young_person.area],
        findings=payload("Findings"),
        decisions=payload("Decisions"),
        confirm_similar=True,
    )
    services.consultation_create(
        actor=None,
        title=payload("Earlier"),
        organisation=organisation,
        opens_on=today - datetime.timedelta(days=90),
        closes_on=today - datetime.timedelta(days=60),
        method="focus_group",
        themes=[theme],
        confirm_similar=True,
    )
    questions = [
        services.question_add(
            actor=None,
            consultation=survey,
            text=payload("Single"),
            kind="single",
            options=[payload("One"), payload("Two")],
        ),
        services.question_add(
            actor=None,
            consultation=survey,
            text=payload("Multiple"),
            kind="multiple",
            options=[payload("Three"), payload("Four")],
        ),
        services.question_add(
            actor=None,
            consultation=survey,
            text=payload("Scale"),
            kind="scale",
            low_label=payload("Low"),
            high_label=payload("High"),
        ),
        services.question_add(
            actor=None, consultation=survey, text=payload("Text"), kind="text", required=False
        ),
    ]
    unanswered = services.question_add(
        actor=None, consultation=survey, text=payload("Later"), kind="text", required=False
    )
    answerer = factories.YoungPersonFactory(organisation=organisation, area=young_person.area)
    response = services.survey_submit(
        young_person=answerer,
        consultation=survey,
        answers={
            f"question_{questions[0].pk}": payload("One"),
            f"question_{questions[1].pk}": [payload("Four")],
            f"question_{questions[2].pk}": "3",
            f"question_{questions[3].pk}": payload("Answer"),
        },
    )
    text_answer = response.answers.get(question=questions[3])
    return {
        "consultations:consultation-detail": {"pk": survey.pk},
        "consultations:consultation-edit": {"pk": survey.pk},
        "consultations:consultation-delete": {"pk": survey.pk},
        "consultations:consultation-results": {"pk": survey.pk},
        "consultations:question-create": {"pk": survey.pk},
        "consultations:question-edit": {"pk": questions[0].pk},
        "consultations:question-move": {"pk": questions[0].pk},
        "consultations:question-delete": {"pk": unanswered.pk},
        "consultations:answer-view": {"pk": text_answer.pk},
        "consultations:portal-survey": {"pk": survey.pk},
        "consultations:portal-survey-thanks": {"pk": survey.pk},
    }
