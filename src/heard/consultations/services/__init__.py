"""Every write for consultations, their questions and survey responses: validate, check, save,
audit."""

from heard.consultations.services.consultations import (
    SimilarConsultations,
    consultation_create,
    consultation_delete,
    consultation_update,
)
from heard.consultations.services.questions import (
    question_add,
    question_delete,
    question_move,
    question_update,
)
from heard.consultations.services.responses import answer_to_view, survey_submit

__all__ = [
    "SimilarConsultations",
    "answer_to_view",
    "consultation_create",
    "consultation_delete",
    "consultation_update",
    "question_add",
    "question_delete",
    "question_move",
    "question_update",
    "survey_submit",
]
