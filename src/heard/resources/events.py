"""What happens to resources and their use in sessions, in the audit log's words."""

from __future__ import annotations

from heard.core.events import CREATE, DELETE, deleted_event, event, record_events

RESOURCE_ADDED, RESOURCE_CHANGED = record_events("resource", "resource")
RESOURCE_DELETED = deleted_event("resource", "resource")
RESOURCE_USED = event(
    "session_resource.created", "Recorded a resource used in the session", action=CREATE
)
RESOURCE_UNUSED = event(
    "session_resource.deleted", "Removed a resource used in the session", action=DELETE
)
