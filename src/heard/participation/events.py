"""What the participation services write to the audit log, in the log's words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heard.core.events import IMPORT, UPDATE, describes, event, record_events


@describes(line=2)
def _line(metadata: Mapping[str, Any]) -> str:
    return f"Line {metadata['line']} of the file"


#: A session logged on the page or over the API (its fields and attendance as logged), and a
#: change to its fields (date, group, methods, themes ...).
SESSION_LOGGED, SESSION_CHANGED = record_events(
    "session", "session", added=("logged", "Logged the")
)
#: Who attended a session, and how, changed (one entry beside its field changes, if any).
ATTENDANCE_CHANGED = event(
    "session.attendance_changed", "Changed who attended the session", action=UPDATE
)
#: A session logged by a CSV import: its fields and attendance, the file's line in metadata.
SESSION_IMPORTED = event(
    "session.imported", "Imported the session from a CSV file", action=IMPORT, describe=_line
)
#: A headcount row (young people not on the register, by age band) added to or removed from a
#: session: its number, age band and school or organisation.
HEADCOUNT_ADDED = event(
    "session.headcount_added", "Added a headcount to the session", action=UPDATE
)
HEADCOUNT_REMOVED = event(
    "session.headcount_removed", "Removed a headcount from the session", action=UPDATE
)
