"""Messages Heard sends (issue 20): one row per message, from queued to sent or failed.

A message names its recipient (a member of staff or a young person) but never stores their
address: it is read when the message is sent, so a changed or erased address is never used.
``dedupe_key`` is unique, so the same message is never queued twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.fields import link, user_link, young_person_link
from heard.messaging.choices import MessageChannel, MessageKind, MessageStatus


class Message(models.Model):
    Kind = MessageKind
    Channel = MessageChannel
    Status = MessageStatus

    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    user = user_link("messages", on_delete=models.CASCADE)
    young_person = young_person_link("messages", optional=True)
    feedback = link("voice.Feedback", "messages", on_delete=models.SET_NULL, optional=True)
    dedupe_key = models.CharField(max_length=120, unique=True)
    #: What the message says beyond its template: counts for reminders, never personal data.
    details = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claim = models.CharField(max_length=32, blank=True, default="")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(max_length=200, blank=True, default="")
    #: The kind of error (its class and a code), never the address or the message's text.
    last_error = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_due_idx"),
            models.Index(fields=["claim"], name="message_claim_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, young_person__isnull=True)
                | models.Q(user__isnull=True, young_person__isnull=False),
                name="message_one_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def recipient_reference(self) -> str:
        """Who it is to, for staff lists: a young person's reference, never their name."""
        if self.young_person_id is not None:
            return self.young_person.reference  # type: ignore[union-attr]
        return self.user.email  # type: ignore[union-attr]


#: The reminder kinds, each a staff member may switch off.
REMINDER_KINDS = (
    Message.Kind.VISITS_OVERDUE,
    Message.Kind.FEEDBACK_OWED,
    Message.Kind.ACTIONS_DUE,
    Message.Kind.CHECKS_DUE,
    Message.Kind.CONCERNS_WAITING,
)


class ReminderPreference(models.Model):
    """Which reminders a member of staff gets by email: each on unless they switch it off (no
    row means every reminder is on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    visits_overdue = models.BooleanField(_("Visits overdue"), default=True)
    feedback_owed = models.BooleanField(_("Feedback owed"), default=True)
    actions_due = models.BooleanField(_("Actions past due"), default=True)
    checks_due = models.BooleanField(_("Background checks due"), default=True)
    concerns_waiting = models.BooleanField(_("Concerns waiting"), default=True)

    def __str__(self) -> str:
        return f"Reminders of {self.user}"

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))
