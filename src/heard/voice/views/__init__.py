"""Pages for views, responses, feedback and the loop figures: thin, they call selectors and
services. Split by topic; import from here."""

from heard.voice.views.figures import (
    JOURNEY_YEARS,
    figures_for_display,
    loop_figures,
    young_person_journey,
)
from heard.voice.views.loop import (
    RESPONSE_CSV_COLUMNS,
    FeedbackOwedView,
    feedback_create,
    response_create,
    response_detail,
)
from heard.voice.views.records import (
    VIEW_CSV_COLUMNS,
    EvidenceForm,
    ViewListView,
    evidence_add,
    evidence_download,
    session_views_create,
    view_detail,
    view_edit,
)

__all__ = [
    "JOURNEY_YEARS",
    "RESPONSE_CSV_COLUMNS",
    "VIEW_CSV_COLUMNS",
    "EvidenceForm",
    "FeedbackOwedView",
    "ViewListView",
    "evidence_add",
    "evidence_download",
    "feedback_create",
    "figures_for_display",
    "loop_figures",
    "response_create",
    "response_detail",
    "session_views_create",
    "view_detail",
    "view_edit",
    "young_person_journey",
]
