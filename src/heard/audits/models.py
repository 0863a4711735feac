"""Audits against the Hear by Right standards and their kite marks (M11).

An audit looks at one organisation, or one of its services (named), on a date, with staff
auditors and young auditors. It gives a level for each standard with the evidence seen, and
decides on a kite mark: awarded until an expiry date, or not yet, with what is still needed.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from heard.audits.choices import AuditDecision, CourseKind, RecommendationOutcome
from heard.audits.choices import Level as Level
from heard.core.fields import organisation_link, user_link, young_person_link
from heard.core.models import TimeStampedModel, one_per
from heard.core.standards import Standard
from heard.core.validators import NotInFuture, validate_single_line

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: Free text (evidence, what is needed, notes) is kept to a length a reader can take in.
TEXT_LIMIT = 5000


def _keep_short() -> str:
    return gettext("Keep this to %(limit)s characters or fewer.") % {"limit": f"{TEXT_LIMIT:,}"}


class _OfAService(TimeStampedModel):
    """A check of an organisation (the link named ``of``), or of one of its services."""

    of = "organisation"
    #: What the check is called: "Audit of Youth Hub: Drop-in".
    called = "Audit"
    service: str  # each check declares its own field

    class Meta:
        abstract = True

    def _holder(self, between: str) -> str:
        organisation = getattr(self, self.of)
        return f"{organisation}{between}{self.service}" if self.service else str(organisation)

    def __str__(self) -> str:
        return f"{self.called} of {self._holder(': ')}"

    @property
    def holder(self) -> str:
        """Who holds (or seeks) the kite mark: the organisation, or its service."""
        return self._holder(" - ")


class Audit(_OfAService):
    Decision = AuditDecision

    organisation = organisation_link("audits")
    service = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The service audited, if not the whole organisation."),
    )
    date = models.DateField(
        _("date of the audit"),
        validators=[NotInFuture(_("The date of the audit cannot be in the future."))],  # type: ignore[arg-type]
    )
    auditors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("staff auditors")
    )
    young_auditors = models.ManyToManyField(
        "people.YoungPerson", blank=True, related_name="+", verbose_name=_("young auditors")
    )
    decision = models.CharField(
        _("kite mark decision"), max_length=16, choices=Decision.choices, blank=True
    )
    expires_on = models.DateField(
        _("kite mark expires on"),
        null=True,
        blank=True,
        help_text=_("Only for a kite mark awarded."),
    )
    needed = models.TextField(
        _("what is needed"),
        blank=True,
        max_length=TEXT_LIMIT,
        help_text=_("What the organisation still needs to do for a kite mark."),
    )
    notes = models.TextField(blank=True, max_length=TEXT_LIMIT)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "date"]),
            models.Index(fields=["decision", "expires_on"]),
        ]

    def kite_mark_state(self, today: datetime.date, *, due_within: int = 90) -> str:
        """``current``, ``due`` (expires within ``due_within`` days), ``expired`` or ``""``."""
        if self.decision != self.Decision.AWARDED or self.expires_on is None:
            return ""
        if self.expires_on < today:
            return "expired"
        if self.expires_on <= today + datetime.timedelta(days=due_within):
            return "due"
        return "current"

    def clean(self) -> None:
        validate_single_line(self, ("service",))
        errors: dict[str, StrOrPromise] = {}
        for name in ("needed", "notes"):
            if len(getattr(self, name) or "") > TEXT_LIMIT:
                errors[name] = _keep_short()
        if self.decision == self.Decision.AWARDED:
            if self.expires_on is None:
                errors["expires_on"] = _("Enter the date the kite mark expires.")
            elif self.date and self.expires_on <= self.date:
                errors["expires_on"] = _("The kite mark must expire after the date of the audit.")
        elif self.expires_on is not None:
            errors["expires_on"] = _("Only a kite mark awarded has an expiry date.")
        if self.decision == self.Decision.NOT_YET and not (self.needed or "").strip():
            errors["needed"] = _("Say what is needed for a kite mark.")
        if errors:
            raise ValidationError(errors)


class AuditLevel(models.Model):
    """The level an audit found for one standard, with the evidence for it."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="levels")
    standard = models.CharField(max_length=32, choices=Standard.choices)
    level = models.CharField(max_length=16, choices=Level.choices)
    evidence = models.TextField(_("evidence notes"), blank=True, max_length=TEXT_LIMIT)

    class Meta:
        ordering = ["audit", "id"]
        constraints = [one_per("audit", "standard", name="audit_level_one_each")]

    def __str__(self) -> str:
        return f"{self.get_standard_display()}: {self.get_level_display()}"

    def clean(self) -> None:
        if len(self.evidence or "") > TEXT_LIMIT:
            raise ValidationError({"evidence": _keep_short()})


class ProvisionReview(_OfAService):
    """Young people visiting a provider (Norfolk's Young Commissioners, seed 004): what they
    found, what they recommend, and a revisit to check each recommendation was acted on."""

    of = "provider"
    called = "Review"

    provider = organisation_link("provision_reviews")
    service = models.CharField(
        max_length=200, blank=True, help_text=_("The service visited, if not the whole provider.")
    )
    visit_date = models.DateField(
        _("date of the visit"),
        validators=[NotInFuture(_("The date of the visit cannot be in the future."))],  # type: ignore[arg-type]
    )
    reviewers = models.ManyToManyField(
        "people.YoungPerson", blank=True, related_name="+", verbose_name=_("young reviewers")
    )
    findings = models.TextField(max_length=TEXT_LIMIT)
    revisit_date = models.DateField(_("date of the revisit"), null=True, blank=True)
    notes = models.TextField(blank=True, max_length=TEXT_LIMIT)

    class Meta:
        ordering = ["-visit_date", "-id"]
        indexes = [models.Index(fields=["provider", "visit_date"])]

    def clean(self) -> None:
        validate_single_line(self, ("service",))
        errors: dict[str, StrOrPromise] = {}
        for name in ("findings", "notes"):
            if len(getattr(self, name) or "") > TEXT_LIMIT:
                errors[name] = _keep_short()
        if self.visit_date and self.revisit_date and self.revisit_date <= self.visit_date:
            errors["revisit_date"] = _("The revisit must be after the visit.")
        if errors:
            raise ValidationError(errors)


class Recommendation(TimeStampedModel):
    """One recommendation of a review, the provider's response to it, and whether it was acted on
    at the revisit."""

    Outcome = RecommendationOutcome

    review = models.ForeignKey(
        ProvisionReview, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(_("recommendation"), max_length=TEXT_LIMIT)
    response = models.TextField(
        _("provider's response"),
        blank=True,
        max_length=TEXT_LIMIT,
        help_text=_("Entered by the provider's own staff."),
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = user_link("+")
    outcome = models.CharField(
        _("at the revisit"), max_length=16, choices=Outcome.choices, blank=True
    )
    outcome_note = models.TextField(_("note from the revisit"), blank=True, max_length=TEXT_LIMIT)

    class Meta:
        ordering = ["review", "id"]
        indexes = [models.Index(fields=["outcome"])]

    def __str__(self) -> str:
        return (
            f"Recommendation {self.pk} of the {str(self.review)[:1].lower()}{str(self.review)[1:]}"
        )

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        for name in ("text", "response", "outcome_note"):
            if len(getattr(self, name) or "") > TEXT_LIMIT:
                errors[name] = _keep_short()
        if errors:
            raise ValidationError(errors)


class Course(TimeStampedModel):
    """Training for young people who audit, commission or inspect (M21): a young person who
    attended is trained, and current from the course's date until it is no longer valid. Staff
    training is safeguarding's ``TrainingRecord``."""

    Kind = CourseKind

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    date = models.DateField(_("date of the course"))
    valid_for_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), default=24, help_text=_("How long the training stays current.")
    )
    valid_until = models.DateField(editable=False)
    attendees = models.ManyToManyField(
        "people.YoungPerson", blank=True, related_name="+", through="CourseAttendance"
    )
    notes = models.TextField(blank=True, max_length=TEXT_LIMIT)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        validate_single_line(self, ("title",))
        errors: dict[str, StrOrPromise] = {}
        if not 1 <= (self.valid_for_months or 0) <= 120:
            errors["valid_for_months"] = _("Enter a number of months from 1 to 120.")
        if len(self.notes or "") > TEXT_LIMIT:
            errors["notes"] = _keep_short()
        if errors:
            raise ValidationError(errors)


class CourseAttendance(models.Model):
    """A young person who attended a course: trained from its date until it is no longer valid."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="attendances")
    young_person = young_person_link("+")

    class Meta:
        ordering = ["course", "id"]
        constraints = [one_per("course", "young_person", name="course_attended_once")]

    def __str__(self) -> str:
        return f"{self.young_person} at {self.course}"
