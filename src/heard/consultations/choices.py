"""The consultations app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationMethod(models.TextChoices):
    SURVEY = "survey", _("Survey")
    FOCUS_GROUP = "focus_group", _("Focus group")
    EVENT = "event", _("Event")
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper")
    INTERVIEWS = "interviews", _("Interviews")
    OTHER = "other", _("Other")


class ConsultationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale (1 to 5)")
    TEXT = "text", _("Free text")
