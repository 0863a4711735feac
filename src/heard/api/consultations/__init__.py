"""Consultations over the API: the partnership's registry (every staff role reads it; the right
roles keep it), with the "asked before?" check on create; a survey's questions; survey responses
(read by whoever keeps the survey); and a survey's results with the disclosure policy.

Creating a consultation on themes and an audience asked in the 12 months before it opens answers
409 Conflict with the earlier ones in ``similar``, and saves nothing, unless the request says
``"confirm_similar": true``: the caller reads them first, as the web form's "Check before you
start" step makes a person do."""

from heard.api.consultations.consultations import ConsultationViewSet
from heard.api.consultations.surveys import QuestionViewSet, SurveyResponseViewSet

__all__ = ["ConsultationViewSet", "QuestionViewSet", "SurveyResponseViewSet"]
