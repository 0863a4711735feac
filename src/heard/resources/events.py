"""What happens to resources and their use in sessions, in the audit log's words."""

from __future__ import annotations

from heard.core.events import CREATE, DELETE, event, lifecycle_events

RESOURCE_ADDED, RESOURCE_CHANGED, RESOURCE_DELETED = lifecycle_events("resource", "resource")
RESOURCE_USED = event(
    "session_resource.created", "Recorded a resource used in the session", action=CREATE
)
RESOURCE_UNUSED = event(
    "session_resource.deleted", "Removed a resource used in the session", action=DELETE
)
