"""What happens to audits, provision reviews and young people's training, in the audit log's
words."""

from __future__ import annotations

from heard.core.events import DELETE, event, record_events

AUDIT_CREATED, AUDIT_CHANGED = record_events("audit", "audit", added=("recorded", "Recorded the"))
AUDIT_DELETED = event("audit.deleted", "Deleted the audit", action=DELETE)
