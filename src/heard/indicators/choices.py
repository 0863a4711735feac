"""The indicators app's choices: the value/label tables of its enumerations, data only (no
logic; tests/core/test_data_modules.py checks it). The modules that declared them keep each
under its old name (``Model.Kind = ModelKind`` in the model, or imported under its own name), so
every reference, form, migration and template stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorPeriod(models.TextChoices):
    YEAR = "year", _("This partnership year (from 1 April)")
    QUARTER = "quarter", _("This quarter")


class IssuedReportKind(models.TextChoices):
    QUARTER = "quarter", _("Quarterly monitoring report")
    YEAR = "year", _("Annual report")
