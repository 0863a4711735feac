"""What happens to consultations, their questions and survey responses, in the audit log's words."""

from __future__ import annotations

from heard.core.events import CREATE, UPDATE, event, lifecycle_events

CONSULTATION_ADDED, CONSULTATION_CHANGED, CONSULTATION_DELETED = lifecycle_events(
    "consultation", "consultation"
)
QUESTION_ADDED, QUESTION_CHANGED, QUESTION_DELETED = lifecycle_events(
    "survey_question", "survey question"
)
QUESTIONS_REORDERED = event(
    "consultation.questions_reordered", "Reordered the survey's questions", action=UPDATE
)
SURVEY_ANSWERED = event(
    "survey_response.submitted", "Answered the survey in the portal", action=CREATE
)
ANSWER_TO_VIEW = event(
    "survey_answer.made_view", "Made a free-text survey answer a view in the loop", action=UPDATE
)
