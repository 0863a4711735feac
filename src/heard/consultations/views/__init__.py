"""Pages for consultations, their questions, results and the portal's surveys."""

from heard.consultations.views.consultations import (
    ConsultationListView,
    consultation_create,
    consultation_delete,
    consultation_detail,
    consultation_edit,
)
from heard.consultations.views.portal import survey_answer, survey_thanks, surveys
from heard.consultations.views.questions import (
    question_create,
    question_delete,
    question_edit,
    question_move,
)
from heard.consultations.views.results import answer_view, consultation_results

__all__ = [
    "ConsultationListView",
    "answer_view",
    "consultation_create",
    "consultation_delete",
    "consultation_detail",
    "consultation_edit",
    "consultation_results",
    "question_create",
    "question_delete",
    "question_edit",
    "question_move",
    "survey_answer",
    "survey_thanks",
    "surveys",
]
