"""Reads of the messages app: the staff list, one message, and one's reminder settings."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from heard.messaging.models import REMINDER_KINDS, Message, ReminderPreference
from heard.messaging.policies import MESSAGES


def messages_visible_to(user: Any) -> QuerySet[Message]:
    """The messages the user may read, newest first, with who they are to (a young person's
    reference: the list never shows their name or address)."""
    return (
        MESSAGES.scope(user, "view")
        .select_related("user", "young_person")
        .only(
            *(field.name for field in Message._meta.concrete_fields if field.name != "details"),
            "user__email",
            "young_person__reference",
        )
        .order_by("-created_at", "-id")
    )


def message_get(user: Any, pk: Any) -> Message:
    return get_object_or_404(messages_visible_to(user), pk=pk)


def reminder_settings(user: Any) -> dict[str, bool]:
    """Each reminder kind and whether the user gets it (on unless switched off)."""
    preference = ReminderPreference.objects.filter(user=user).first()
    return {kind: preference is None or preference.wants(kind) for kind in REMINDER_KINDS}
