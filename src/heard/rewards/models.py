"""Recognition of young people's time and the money that keeps nobody out of pocket (issue 19,
M16; seeds 000 and 002).

A recognition is a certificate, accreditation, voucher or volunteering hours given to a young
person. Volunteering hours also come from the sessions a young person attended: a session has
no length in the participation log, so this app keeps one (``SessionHours``, set by staff) with
a default per kind of session (``HoursDefault``, set by a participation lead).

An expense claim is out-of-pocket travel or subsistence, claimed by or for a young person or by
a member of staff, item by item with receipts; a partner invoice is an agreed cost a partner
organisation bills for. Both are approved by a participation lead who did not submit them and
then paid (see ``policies.py``).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.fields import organisation_link, user_link, young_person_link
from heard.core.models import TimeStampedModel, one_per, staff_link
from heard.core.tables import display
from heard.core.validators import NotInFuture, validate_single_line
from heard.participation.models import Session
from heard.rewards.choices import Approval as Approval
from heard.rewards.choices import ExpenseItemKind, RecognitionKind

FUTURE_RECOGNITION = _("The date cannot be in the future: record it once it has been given.")
FUTURE_ITEM = _("The date of an expense cannot be in the future.")
#: Hours of a session whose kind has no default set.
FALLBACK_HOURS = Decimal("2.0")
MAX_SESSION_HOURS = Decimal("24.0")


def _positive_hours() -> list[MinValueValidator]:
    return [MinValueValidator(Decimal("0.5"), _("Hours must be at least half an hour."))]


class HoursDefault(TimeStampedModel):
    """How long a session of one kind counts for, unless its own hours are set."""

    session_kind = models.CharField(max_length=32, choices=Session.Kind.choices, unique=True)
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[
            *_positive_hours(),
            MaxValueValidator(MAX_SESSION_HOURS, _("A session counts for 24 hours at most.")),
        ],
    )

    class Meta:
        ordering = ["session_kind"]
        verbose_name = _("default session hours")
        verbose_name_plural = _("default session hours")

    def __str__(self) -> str:
        return f"{self.get_session_kind_display()}: {self.hours} hours"


class SessionHours(TimeStampedModel):
    """How long one session counts for in attendees' volunteering hours."""

    session = models.OneToOneField(
        "participation.Session", on_delete=models.CASCADE, related_name="reward_hours"
    )
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[
            *_positive_hours(),
            MaxValueValidator(MAX_SESSION_HOURS, _("A session counts for 24 hours at most.")),
        ],
    )
    set_by = user_link("+")

    class Meta:
        ordering = ["-session__date", "-id"]
        verbose_name = _("session hours")
        verbose_name_plural = _("session hours")

    def __str__(self) -> str:
        return f"{self.hours} hours for {self.session}"


class Recognition(TimeStampedModel):
    Kind = RecognitionKind

    young_person = young_person_link("recognitions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(
        max_length=200,
        help_text=_("What it recognises, like “Interview panel for a youth worker”."),
    )
    date = models.DateField(validators=[NotInFuture(FUTURE_RECOGNITION)])  # type: ignore[arg-type]
    organisation = organisation_link("recognitions")
    accreditation_body = models.CharField(max_length=200, blank=True)
    accreditation_level = models.CharField(max_length=100, blank=True)
    voucher_value = models.DecimalField(
        _("voucher value (£)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"), _("The value must be more than £0."))],
    )
    voucher_supplier = models.CharField(max_length=200, blank=True)
    hours = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, blank=True, validators=_positive_hours()
    )
    details = models.TextField(blank=True)
    given_by = user_link("+")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["young_person", "kind"]),
            models.Index(fields=["organisation", "-date"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({display(self.date)})"

    def clean(self) -> None:
        validate_single_line(
            self, ("title", "accreditation_body", "accreditation_level", "voucher_supplier")
        )


class MoneyDecision(TimeStampedModel):
    """What a claim and an invoice both hold of the decisions on them: where it is, who decided
    and when, why it was rejected, and when and by what reference it was paid."""

    Status = Approval

    status = models.CharField(max_length=16, choices=Approval.choices, default=Approval.SUBMITTED)
    decided_by = staff_link()
    decided_on = models.DateField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    paid_on = models.DateField(null=True, blank=True)
    payment_reference = models.CharField(max_length=100, blank=True)

    class Meta:
        abstract = True


class ExpenseClaim(MoneyDecision):
    """Out-of-pocket costs of a young person (claimed by them through a worker, or for them) or
    of a member of staff, item by item."""

    organisation = organisation_link("expense_claims")
    young_person = young_person_link(
        "expense_claims",
        on_delete=models.PROTECT,
        optional=True,
        help_text=_("Whose costs, when a young person's; empty for the staff member's own."),
    )
    claimant = user_link(
        "expense_claims",
        on_delete=models.PROTECT,
        help_text=_("The member of staff claiming their own costs; empty for a young person's."),
    )
    purpose = models.CharField(max_length=200, help_text=_("What the costs were for."))
    submitted_by = user_link("+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"Claim {self.pk}: {self.purpose}"

    def clean(self) -> None:
        validate_single_line(self, ("purpose", "payment_reference"))


class ExpenseItem(TimeStampedModel):
    Kind = ExpenseItemKind

    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    date = models.DateField(validators=[NotInFuture(FUTURE_ITEM)])  # type: ignore[arg-type]
    description = models.CharField(max_length=200)
    amount = models.DecimalField(
        _("amount (£)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), _("The amount must be more than £0."))],
    )
    receipt = models.FileField(upload_to="receipts/%Y/%m/", blank=True)
    receipt_content_type = models.CharField(max_length=100, blank=True)
    receipt_size = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} £{self.amount} ({display(self.date)})"

    def clean(self) -> None:
        validate_single_line(self, ("description",))


class PartnerInvoice(MoneyDecision):
    """An agreed cost a partner organisation bills the partnership for (seed 000)."""

    organisation = organisation_link("partner_invoices")
    reference = models.CharField(max_length=100, help_text=_("The partner's invoice number."))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    description = models.TextField()
    amount = models.DecimalField(
        _("amount (£)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), _("The amount must be more than £0."))],
    )
    recorded_by = user_link("+")

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            one_per(
                "organisation",
                "reference",
                name="one_invoice_per_partner_reference",
                message=_("This partner already has an invoice with this reference."),
            )
        ]

    def __str__(self) -> str:
        return f"Invoice {self.reference}"

    def clean(self) -> None:
        validate_single_line(self, ("reference", "payment_reference"))
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period must end on or after it starts.")})
