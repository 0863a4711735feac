"""The rewards app's choices: the value/label tables of its enumerations, data only (no
logic; tests/core/test_data_modules.py checks it). The modules that declared them keep each
under its old name (``Model.Kind = ModelKind`` in the model, or imported under its own name), so
every reference, form, migration and template stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecognitionKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate")
    ACCREDITATION = "accreditation", _("Accreditation")
    VOUCHER = "voucher", _("Voucher")
    HOURS = "hours", _("Volunteering hours")


class Approval(models.TextChoices):
    """Where a claim or an invoice is: submitted (received), then approved or rejected, then
    paid."""

    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")


class ExpenseItemKind(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    SUBSISTENCE = "subsistence", _("Subsistence")
    OTHER = "other", _("Other")
