"""What happens to involvement activities and evaluations, in the audit log's words."""

from __future__ import annotations

from heard.core.events import lifecycle_events

ACTIVITY_RECORDED, ACTIVITY_CHANGED, ACTIVITY_DELETED = lifecycle_events(
    "involvement_activity", "involvement activity", added=("recorded", "Recorded the")
)
EVALUATION_RECORDED, EVALUATION_CHANGED, EVALUATION_DELETED = lifecycle_events(
    "evaluation", "evaluation", added=("recorded", "Recorded the")
)
