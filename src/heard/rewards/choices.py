"""The rewards app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

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
