"""What happens to opportunities and sign-ups, in the audit log's words."""

from __future__ import annotations

from heard.core.events import CREATE, UPDATE, event, lifecycle_events

OPPORTUNITY_ADDED, OPPORTUNITY_CHANGED, OPPORTUNITY_DELETED = lifecycle_events(
    "opportunity", "opportunity"
)
SIGN_UP_MADE = event("opportunity_sign_up.made", "Made the sign-up", action=CREATE)
SIGN_UP_CHANGED = event("opportunity_sign_up.changed", "Changed the sign-up", action=UPDATE)
SIGN_UP_ATTENDED = event(
    "opportunity_sign_up.attended", "Turned the sign-up into attendance", action=UPDATE
)
