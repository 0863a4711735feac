"""Safeguarding (M14): concerns raised about a child, staff background checks and training.

A concern's text is seen only by safeguarding leads: its ``__str__`` is a reference and never
any of what was written, so audit labels, logs and error pages cannot carry it.

A concern raised from a session is linked to it from the app above
(``heard.participation.concerns.SessionConcern``, read as ``concern.session_link``): this app
holds no relation up to participation.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from heard.core.fields import user_link, young_person_link
from heard.core.models import TimeStampedModel
from heard.core.validators import NotBefore1900, NotInFuture, validate_single_line
from heard.safeguarding.choices import (
    BackgroundCheckKind,
    ConcernContact,
    ConcernDecision,
    ConcernSource,
    ConcernStatus,
)

#: A concern's reference: "SC-" and 8 characters without look-alikes (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8


def new_concern_reference() -> str:
    """A random reference, so that one tells nothing of how many concerns there are or in what
    order they came. One draw of 853 billion: ``services.concern_raise`` draws again on the
    rare collision with a reference already given (the column is unique)."""
    return "SC-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Concern(TimeStampedModel):
    Source = ConcernSource
    Contact = ConcernContact
    Status = ConcernStatus
    Decision = ConcernDecision

    #: The fields someone raising a concern writes (all of them withheld from the audit log).
    RAISED_FIELDS = (
        "young_person",
        "what_happened",
        "happened_at",
        "who_was_present",
        "immediate_action",
        "child_told",
        "how_to_contact",
    )

    #: The fields the safeguarding leads' handling changes (assign, decide, close).
    HANDLING_FIELDS = (
        "status",
        "assigned_to",
        "assigned_at",
        "decision",
        "decision_notes",
        "decided_at",
        "referral_date",
        "referral_reference",
        "closed_at",
    )

    reference = models.CharField(
        max_length=3 + REFERENCE_LENGTH,
        unique=True,
        default=new_concern_reference,
        editable=False,
        help_text=_("Random, like SC-7K3MQ2XP: it counts nothing."),
    )
    young_person = young_person_link(
        "+",
        on_delete=models.PROTECT,
        optional=True,
        help_text=_("The young person the concern is about, if known."),
    )
    raised_by = user_link(
        "+",
        on_delete=models.PROTECT,
        help_text=_("Empty when the young person raised it themselves, in the portal."),
    )
    source = models.CharField(
        _("How it was raised"), max_length=16, choices=Source.choices, default=Source.STAFF
    )
    how_to_contact = models.CharField(
        _("How they would like to be contacted"),
        max_length=16,
        choices=Contact.choices,
        blank=True,
        help_text=_("Asked of a young person who asks for help in the portal; empty if not said."),
    )
    #: The one-time token of the portal's "I need help" form: a second press of its button (a
    #: double click, a refresh) finds the concern the first one raised instead of raising another.
    portal_token = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    what_happened = models.TextField(_("What was seen or said"), max_length=10000)
    happened_at = models.DateTimeField(
        _("When it happened"),
        validators=[
            NotInFuture("The time it happened cannot be in the future."),
            NotBefore1900(),
        ],
    )
    who_was_present = models.TextField(_("Who was present"), max_length=2000)
    immediate_action = models.TextField(_("Immediate action taken"), max_length=5000)
    child_told = models.TextField(_("What the child was told would happen next"), max_length=5000)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    assigned_to = user_link("+", on_delete=models.PROTECT)
    assigned_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=32, choices=Decision.choices, blank=True)
    decision_notes = models.TextField(blank=True, max_length=5000)
    decided_at = models.DateTimeField(null=True, blank=True)
    referral_date = models.DateField(null=True, blank=True)
    referral_reference = models.CharField(max_length=100, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"Concern {self.reference}"

    @property
    def is_undecided(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.ASSIGNED)

    @property
    def is_urgent(self) -> bool:
        """A young person asked for help themselves and nobody has decided on it yet."""
        return self.source == self.Source.PORTAL and self.is_undecided

    def clean(self) -> None:
        validate_single_line(self, ("referral_reference",))
        errors: dict[str, Any] = {}
        # A TextField's max_length is not checked by the database or full_clean(): check it here.
        for name in TEXT_FIELDS:
            limit = getattr(self._meta.get_field(name), "max_length", None)
            if limit and len(getattr(self, name) or "") > limit:
                errors[name] = ngettext(
                    "Keep this to %(limit)s character or fewer.",
                    "Keep this to %(limit)s characters or fewer.",
                    limit,
                ) % {"limit": f"{limit:,}"}
        if self.decision == self.Decision.LOCAL_AUTHORITY_REFERRAL:
            if self.referral_date is None:
                errors["referral_date"] = _(
                    "Enter the date of the referral to the local authority."
                )
            if not self.referral_reference.strip():
                errors["referral_reference"] = _(
                    "Enter the local authority's reference for the referral."
                )
        if self.status in (self.Status.DECIDED, self.Status.CLOSED) and not self.decision:
            errors["decision"] = _("Record the decision before the concern is decided or closed.")
        if errors:
            raise ValidationError(errors)


TEXT_FIELDS = (
    "what_happened",
    "who_was_present",
    "immediate_action",
    "child_told",
    "decision_notes",
)


class ConcernChange(models.Model):
    """The values of one audited change to a concern, kept beside the concern and read like it.

    A concern's entries in the shared audit log name the fields that changed, never their values
    (``services._withheld``), so the log, the admin site and any export of it cannot carry what
    was decided or written about a child. The values live here, one row per audit entry, and only
    safeguarding leads read them: in the concern's audit trail (``selectors.concern_trail_rows``).
    """

    entry = models.OneToOneField("core.AuditEntry", on_delete=models.CASCADE, related_name="+")
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="+")
    #: ``{field: [old, new]}``, as ``core.audit.diff`` gives them.
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["-entry_id"]

    def __str__(self) -> str:
        return f"Change to {self.concern}"


class BackgroundCheck(TimeStampedModel):
    """A staff member's enhanced DBS check: current from ``issued_on`` until ``renewal_due``."""

    Kind = BackgroundCheckKind

    staff = user_link("background_checks", on_delete=models.PROTECT, optional=False)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.ENHANCED_DBS)
    certificate_number = models.CharField(
        max_length=12,
        validators=[
            RegexValidator(r"^\d{12}$", "A DBS certificate number is 12 digits, like 001234567890.")
        ],
    )
    issued_on = models.DateField()
    renewal_due = models.DateField()

    class Meta:
        ordering = ["renewal_due", "id"]
        indexes = [models.Index(fields=["staff", "renewal_due"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} check for {self.staff}"

    def is_current_on(self, day: datetime.date) -> bool:
        return self.issued_on <= day <= self.renewal_due

    def clean(self) -> None:
        validate_single_line(self, ("certificate_number",))
        if self.issued_on and self.renewal_due and self.renewal_due <= self.issued_on:
            raise ValidationError(
                {"renewal_due": _("The renewal date must be after the date the check was issued.")}
            )


class TrainingRecord(TimeStampedModel):
    """Training a member of staff completed, such as child protection training for champions."""

    staff = user_link("training_records", on_delete=models.PROTECT, optional=False)
    course = models.CharField(
        max_length=200, help_text=_("For example, child protection training.")
    )
    completed_on = models.DateField(
        validators=[NotInFuture("The date the training was completed cannot be in the future.")]
    )
    expires_on = models.DateField(
        null=True, blank=True, help_text=_("Leave empty if it does not expire.")
    )

    class Meta:
        ordering = ["-completed_on", "id"]

    def __str__(self) -> str:
        return f"{self.course} ({self.staff})"

    def clean(self) -> None:
        validate_single_line(self, ("course",))
        if self.completed_on and self.expires_on and self.expires_on <= self.completed_on:
            raise ValidationError(
                {
                    "expires_on": _(
                        "The expiry date must be after the date the training was completed."
                    )
                }
            )
