"""The indicators app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorPeriod(models.TextChoices):
    YEAR = "year", _("This partnership year (from 1 April)")
    QUARTER = "quarter", _("This quarter")


class IssuedReportKind(models.TextChoices):
    QUARTER = "quarter", _("Quarterly monitoring report")
    YEAR = "year", _("Annual report")
