"""What happens to messages, in the audit log's words."""

from __future__ import annotations

from heard.core.events import UPDATE, event

MESSAGE_RETRIED = event("message.retried", "Sent the failed message again", action=UPDATE)
REMINDER_PREFERENCES_CHANGED = event(
    "reminder_preference.changed", "Changed which reminders they get", action=UPDATE
)
