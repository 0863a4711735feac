"""What happens to consultations, their questions and survey responses, in the audit log's words."""

from __future__ import annotations

from heard.core.events import CREATE, DELETE, UPDATE, event, record_events

CONSULTATION_ADDED, CONSULTATION_CHANGED = record_events("consultation", "consultation")
CONSULTATION_DELETED = event("consultation.deleted", "Deleted the consultation", action=DELETE)
QUESTION_ADDED, QUESTION_CHANGED = record_events("survey_question", "survey question")
QUESTION_DELETED = event("survey_question.deleted", "Deleted the survey question", action=DELETE)
QUESTIONS_REORDERED = event(
    "consultation.questions_reordered", "Reordered the survey's questions", action=UPDATE
)
SURVEY_ANSWERED = event(
    "survey_response.submitted", "Answered the survey in the portal", action=CREATE
)
ANSWER_TO_VIEW = event(
    "survey_answer.made_view", "Made a free-text survey answer a view in the loop", action=UPDATE
)
