"""The resources app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    TOOLKIT = "toolkit", _("Toolkit")
    SESSION_PLAN = "session_plan", _("Session plan")
    CASE_STUDY = "case_study", _("Case study")
    GOOD_PRACTICE = "good_practice", _("Good practice")
    TEMPLATE = "template", _("Template")
    OTHER = "other", _("Other")
