"""The audits app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """How far an organisation has gone with a standard (Hear by Right's three levels)."""

    EMERGING = "emerging", _("Emerging")
    ESTABLISHED = "established", _("Established")
    ADVANCED = "advanced", _("Advanced")


class AuditDecision(models.TextChoices):
    AWARDED = "awarded", _("Kite mark awarded")
    NOT_YET = "not_yet", _("Not yet")


class RecommendationOutcome(models.TextChoices):
    ACTED_ON = "acted_on", _("Acted on")
    NOT_ACTED_ON = "not_acted_on", _("Not acted on")


class CourseKind(models.TextChoices):
    YOUNG_AUDITOR = "young_auditor", _("Young auditors")
    YOUNG_COMMISSIONER = "young_commissioner", _("Young commissioners")
    YOUNG_INSPECTOR = "young_inspector", _("Young inspectors")
