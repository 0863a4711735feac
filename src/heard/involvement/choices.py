"""The involvement app's choices: the value/label tables of its enumerations, data only (no
logic; tests/core/test_data_modules.py checks it). The modules that declared them keep each
under its old name (``Model.Kind = ModelKind`` in the model, or imported under its own name), so
every reference, form, migration and template stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvolvementActivityKind(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")
    COMMISSIONING = "commissioning", _("Commissioning")
    PROCUREMENT = "procurement", _("Procurement")
    OTHER_DECISION = "other_decision", _("Other decision")


class InvolvementActivityHow(models.TextChoices):
    ON_PANEL = "on_panel", _("On the panel")
    SET_QUESTIONS = "set_questions", _("Set questions")
    SCORED = "scored", _("Scored candidates or tenders")
    OTHER = "other", _("Other")


class EvaluationRating(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class EvaluationSource(models.TextChoices):
    PAPER = "paper", _("Paper (entered by staff)")
    PORTAL = "portal", _("Portal (by the young person)")
