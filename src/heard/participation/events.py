"""What the participation services write to the audit log, in the log's words."""

from __future__ import annotations

from heard.core.events import CREATE, IMPORT, UPDATE, event

#: A session logged on the page or over the API: its fields and attendance as logged.
SESSION_LOGGED = event("session.logged", "Logged the session", action=CREATE)
#: A session's fields (date, group, methods, themes ...) changed.
SESSION_CHANGED = event("session.changed", "Changed the session", action=UPDATE)
#: Who attended a session, and how, changed (one entry beside its field changes, if any).
ATTENDANCE_CHANGED = event(
    "session.attendance_changed", "Changed who attended the session", action=UPDATE
)
#: A session logged by a CSV import: its fields and attendance, the file's line in metadata.
SESSION_IMPORTED = event(
    "session.imported",
    "Imported the session from a CSV file",
    action=IMPORT,
    describe=lambda metadata: f"Line {metadata['line']} of the file",
    example={"line": 2},
)
