"""Staff writes on messages: sending a failed message again, and one's own reminder settings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import lock
from heard.messaging.events import MESSAGE_RETRIED, REMINDER_PREFERENCES_CHANGED
from heard.messaging.models import REMINDER_KINDS, Message, ReminderPreference
from heard.messaging.services.queueing import enqueue_sending


@transaction.atomic
@audit.operation()
def message_retry(*, actor: Any, message: Message) -> Message:
    """Queue a failed message again, now, with its attempts counted afresh. A message that
    failed while sending may have gone: the one who retries it decides (audited)."""
    message = lock(message)
    require(actor, "messaging.retry_message", message)
    before = {"status": message.status, "attempts": message.attempts}
    message.status = Message.Status.QUEUED
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.claim = ""
    message.save(update_fields=["status", "attempts", "next_attempt_at", "claim", "updated_at"])
    audit.record(
        actor=actor,
        event=MESSAGE_RETRIED,
        obj=message,
        changes=audit.diff(before, {"status": message.status, "attempts": 0}),
    )
    enqueue_sending()
    return message


@transaction.atomic
@audit.operation()
def reminder_preferences_update(*, actor: Any, user: Any, **wanted: bool) -> ReminderPreference:
    """Switch one's own reminders on or off (kinds not named keep their setting)."""
    if actor is None or getattr(actor, "pk", None) != getattr(user, "pk", None):
        raise PermissionDenied(gettext("Only you can change which reminders you get."))
    unknown = set(wanted) - set(REMINDER_KINDS)
    if unknown:
        raise ValueError(f"Not a reminder: {', '.join(sorted(unknown))}")
    preference, _ = ReminderPreference.objects.select_for_update().get_or_create(user=user)
    before = {kind: preference.wants(kind) for kind in wanted}
    for kind, on in wanted.items():
        setattr(preference, kind, bool(on))
    preference.save()
    changes = audit.diff(before, {kind: preference.wants(kind) for kind in wanted})
    if changes:
        audit.record(
            actor=actor, event=REMINDER_PREFERENCES_CHANGED, obj=preference, changes=changes
        )
    return preference
