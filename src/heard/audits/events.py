"""What happens to audits, provision reviews and young people's training, in the audit log's
words."""

from __future__ import annotations

from heard.core.events import DELETE, UPDATE, event, record_events

AUDIT_CREATED, AUDIT_CHANGED = record_events("audit", "audit", added=("recorded", "Recorded the"))
AUDIT_DELETED = event("audit.deleted", "Deleted the audit", action=DELETE)
REVIEW_CREATED, REVIEW_CHANGED = record_events(
    "provision_review", "provision review", added=("recorded", "Recorded the")
)
REVIEW_DELETED = event("provision_review.deleted", "Deleted the provision review", action=DELETE)
RECOMMENDATION_CREATED, RECOMMENDATION_CHANGED = record_events(
    "recommendation", "recommendation", added=("made", "Made the")
)
RECOMMENDATION_RESPONDED = event(
    "recommendation.responded", "The provider responded to the recommendation", action=UPDATE
)
RECOMMENDATION_CHECKED = event(
    "recommendation.checked", "Checked the recommendation at the revisit", action=UPDATE
)
COURSE_CREATED, COURSE_CHANGED = record_events(
    "course", "course", added=("recorded", "Recorded the")
)
COURSE_DELETED = event("course.deleted", "Deleted the course", action=DELETE)
