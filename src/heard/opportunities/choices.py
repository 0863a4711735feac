"""The opportunities app's choices: the value/label tables of its enumerations, data only (no
logic; tests/core/test_data_modules.py checks it). The modules that declared them keep each
under its old name (``Model.Kind = ModelKind`` in the model, or imported under its own name), so
every reference, form, migration and template stands."""

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
