"""What happens to indicators, in the audit log's words."""

from __future__ import annotations

from heard.core.events import CREATE, deleted_event, event, record_events

INDICATOR_CREATED, INDICATOR_CHANGED = record_events(
    "indicator", "indicator", added=("set", "Set the")
)
INDICATOR_DELETED = deleted_event("indicator", "indicator")

#: A quarterly or annual report issued: kept with its figures as shown (M22).
REPORT_ISSUED = event("report.issued", "Issued the report", action=CREATE)
