"""What happens to audits, provision reviews and young people's training, in the audit log's
words."""

from __future__ import annotations

from heard.core.events import UPDATE, event, lifecycle_events, record_events

AUDIT_CREATED, AUDIT_CHANGED, AUDIT_DELETED = lifecycle_events(
    "audit", "audit", added=("recorded", "Recorded the")
)
REVIEW_CREATED, REVIEW_CHANGED, REVIEW_DELETED = lifecycle_events(
    "provision_review", "provision review", added=("recorded", "Recorded the")
)
RECOMMENDATION_CREATED, RECOMMENDATION_CHANGED = record_events(
    "recommendation", "recommendation", added=("made", "Made the")
)
RECOMMENDATION_RESPONDED = event(
    "recommendation.responded", "The provider responded to the recommendation", action=UPDATE
)
RECOMMENDATION_CHECKED = event(
    "recommendation.checked", "Checked the recommendation at the revisit", action=UPDATE
)
COURSE_CREATED, COURSE_CHANGED, COURSE_DELETED = lifecycle_events(
    "course", "course", added=("recorded", "Recorded the")
)
