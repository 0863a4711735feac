"""What happens to indicators, in the audit log's words."""

from __future__ import annotations

from heard.core.events import CREATE, event, lifecycle_events

INDICATOR_CREATED, INDICATOR_CHANGED, INDICATOR_DELETED = lifecycle_events(
    "indicator", "indicator", added=("set", "Set the")
)

#: A quarterly or annual report issued: kept with its figures as shown (M22).
REPORT_ISSUED = event("report.issued", "Issued the report", action=CREATE)
