"""The opportunities app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpportunityKind(models.TextChoices):
    PANEL = "panel", _("Panel")
    EVENT = "event", _("Event")
    FOCUS_GROUP = "focus_group", _("Focus group")
    MEDIA_WORK = "media_work", _("Media work")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class SignUpHow(models.TextChoices):
    PORTAL = "portal", _("In the portal")
    WORKER = "worker", _("By a worker")


class SignUpStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("Signed up")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ATTENDED = "attended", _("Attended")
