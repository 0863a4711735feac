"""The resources app's choices: the value/label tables of its enumerations, data only (no
logic; tests/core/test_data_modules.py checks it). The modules that declared them keep each
under its old name (``Model.Kind = ModelKind`` in the model, or imported under its own name), so
every reference, form, migration and template stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    TOOLKIT = "toolkit", _("Toolkit")
    SESSION_PLAN = "session_plan", _("Session plan")
    CASE_STUDY = "case_study", _("Case study")
    GOOD_PRACTICE = "good_practice", _("Good practice")
    TEMPLATE = "template", _("Template")
    OTHER = "other", _("Other")
