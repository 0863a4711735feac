"""The messaging app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    FEEDBACK_TOLD = "feedback_told", _("Feedback told to a young person")
    VISITS_OVERDUE = "visits_overdue", _("Reminder: visits overdue")
    FEEDBACK_OWED = "feedback_owed", _("Reminder: feedback owed")
    ACTIONS_DUE = "actions_due", _("Reminder: actions past due")
    CHECKS_DUE = "checks_due", _("Reminder: background checks due")
    CONCERNS_WAITING = "concerns_waiting", _("Reminder: concerns waiting")


class MessageChannel(models.TextChoices):
    EMAIL = "email", _("Email")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    RETRYING = "retrying", _("Failed, will retry")
    FAILED = "failed", _("Failed permanently")
    CANCELLED = "cancelled", _("Not sent: no consent or address")
