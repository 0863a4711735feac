"""What happens to involvement activities and evaluations, in the audit log's words."""

from __future__ import annotations

from heard.core.events import deleted_event, record_events

ACTIVITY_RECORDED, ACTIVITY_CHANGED = record_events(
    "involvement_activity", "involvement activity", added=("recorded", "Recorded the")
)
ACTIVITY_DELETED = deleted_event("involvement_activity", "involvement activity")
EVALUATION_RECORDED, EVALUATION_CHANGED = record_events(
    "evaluation", "evaluation", added=("recorded", "Recorded the")
)
EVALUATION_DELETED = deleted_event("evaluation", "evaluation")
