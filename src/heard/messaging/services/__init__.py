"""Writes of the messages app (issue 20): queueing, sending, and staff's changes."""

from heard.messaging.services.delivery import (
    MAX_ATTEMPTS,
    backoff,
    deliver_due,
    poll_statuses,
    release_stale,
)
from heard.messaging.services.queueing import (
    contactable,
    feedback_recorded,
    queue_feedback_told,
    queue_reminders,
)
from heard.messaging.services.staff import message_retry, reminder_preferences_update

__all__ = [
    "MAX_ATTEMPTS",
    "backoff",
    "contactable",
    "deliver_due",
    "feedback_recorded",
    "message_retry",
    "poll_statuses",
    "queue_feedback_told",
    "queue_reminders",
    "release_stale",
    "reminder_preferences_update",
]
