"""Pages for involvement activities and evaluations, by topic; each importable from here."""

from heard.involvement.views.activities import (
    ActivityListView,
    activity_create,
    activity_delete,
    activity_detail,
    activity_edit,
)
from heard.involvement.views.evaluations import (
    EvaluationListView,
    evaluation_create,
    evaluation_delete,
    evaluation_edit,
    session_evaluations,
)

__all__ = [
    "ActivityListView",
    "EvaluationListView",
    "activity_create",
    "activity_delete",
    "activity_detail",
    "activity_edit",
    "evaluation_create",
    "evaluation_delete",
    "evaluation_edit",
    "session_evaluations",
]
