"""The involvement app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

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
