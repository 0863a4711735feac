"""The consultation records and request bodies for the documented-answers test
(tests/api/test_openapi.py): one of each, and a body for each write."""

from __future__ import annotations

import datetime
from typing import Any

from heard.consultations import services


def consultation_requests(organisation: Any, young_person: Any, today: str) -> tuple[dict, dict]:
    day = datetime.date.fromisoformat(today)
    survey = services.consultation_create(
        actor=None,
        title="Have Your Say (API)",
        organisation=organisation,
        opens_on=day - datetime.timedelta(days=3),
        closes_on=day + datetime.timedelta(days=30),
        method="survey",
        confirm_similar=True,
    )
    question = services.question_add(
        actor=None, consultation=survey, text="What should change?", kind="text"
    )
    services.question_add(
        actor=None, consultation=survey, text="Safe?", kind="single", options=["Yes", "No"]
    )
    response = services.survey_submit(
        young_person=young_person,
        consultation=survey,
        answers={
            f"question_{question.pk}": "More buses",
            f"question_{question.pk + 1}": "Yes",
        },
    )
    ids = {
        "/api/v1/consultations/": survey.pk,
        "/api/v1/survey-questions/": question.pk,
        "/api/v1/survey-responses/": response.pk,
    }
    bodies = {
        ("post", "/api/v1/consultations/"): {
            "title": "Buses survey",
            "organisation": organisation.pk,
            "method": "focus_group",
            "opens_on": today,
            "closes_on": today,
            "confirm_similar": True,
        },
        ("patch", "/api/v1/consultations/{id}/"): {"findings": "Young people want buses."},
        ("post", "/api/v1/survey-questions/"): {
            "consultation": survey.pk,
            "text": "How happy are you?",
            "kind": "scale",
            "low_label": "Not at all",
            "high_label": "Very",
        },
        ("patch", "/api/v1/survey-questions/{id}/"): {"text": "What should change first?"},
        ("post", "/api/v1/survey-questions/{id}/move/"): {"direction": "down"},
    }
    return ids, bodies
