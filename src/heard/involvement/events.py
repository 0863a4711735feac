"""What happens to involvement activities and evaluations, in the audit log's words."""

from __future__ import annotations

from heard.core.events import DELETE, event, record_events

ACTIVITY_RECORDED, ACTIVITY_CHANGED = record_events(
    "involvement_activity", "involvement activity", added=("recorded", "Recorded the")
)
ACTIVITY_DELETED = event(
    "involvement_activity.deleted", "Deleted the involvement activity", action=DELETE
)
EVALUATION_RECORDED, EVALUATION_CHANGED = record_events(
    "evaluation", "evaluation", added=("recorded", "Recorded the")
)
EVALUATION_DELETED = event("evaluation.deleted", "Deleted the evaluation", action=DELETE)
