"""Consent, equality monitoring, anonymisation and reach targets (M13, M15)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.fields import young_person_link
from heard.core.models import TimeStampedModel, dates_in_order, one_current, one_per, staff_link
from heard.core.tables import display
from heard.core.validators import NotInFuture, validate_single_line
from heard.people.consents import ConsentPurpose
from heard.privacy.characteristics import (
    CareStatus,
    Ethnicity,
    Gender,
    Religion,
    SexualOrientation,
    YesNo,
)
from heard.privacy.choices import AnonymisationReason, ConsentGivenBy, ConsentHow
from heard.privacy.choices import Characteristic as Characteristic
from heard.privacy.choices import LeastHeardGroup as LeastHeardGroup


class Consent(TimeStampedModel):
    """A young person's (or their parent's or carer's) agreement to one use, until withdrawn."""

    #: The purposes' one list, below voice where the consent queries live (``people.consents``).
    Purpose = ConsentPurpose
    GivenBy = ConsentGivenBy
    How = ConsentHow

    young_person = young_person_link("consents")
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    given_by = models.CharField(max_length=16, choices=GivenBy.choices)
    given_on = models.DateField(
        validators=[NotInFuture("The date the consent was given cannot be in the future.")]
    )
    how = models.CharField(max_length=8, choices=How.choices)
    withdrawn_on = models.DateField(
        null=True,
        blank=True,
        validators=[NotInFuture("The date the consent was withdrawn cannot be in the future.")],
    )
    withdrawn_by = models.CharField(max_length=16, choices=GivenBy.choices, blank=True)
    withdrawn_how = models.CharField(max_length=8, choices=How.choices, blank=True)
    notes = models.TextField(blank=True, max_length=2000)
    recorded_by = staff_link()

    class Meta:
        ordering = ["-given_on", "-id"]
        # The consents list and API read the newest first: at national scale (620,000 consents)
        # sorting them all for each page cost more than the page.
        indexes = [models.Index(fields=["-given_on", "-id"], name="consent_newest_first")]
        constraints = [
            one_current(
                "young_person",
                "purpose",
                until="withdrawn_on",
                name="one_current_consent_per_purpose",
            ),
        ]

    def __str__(self) -> str:
        state = " (withdrawn)" if self.withdrawn_on else ""
        return f"Consent to {self.get_purpose_display().lower()}{state}"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_on is None


class EqualityRecord(TimeStampedModel):
    """Self-described equality monitoring for one young person: every answer optional.

    Special category data: read and changed only by the participation lead, participation officers
    and administrators, and every read is audited. The age band comes from the person's record.
    """

    young_person = models.OneToOneField(
        "people.YoungPerson", on_delete=models.CASCADE, related_name="equality_record"
    )
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    gender_description = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("In their own words, if they describe it another way."),
    )
    ethnicity = models.CharField(max_length=32, choices=Ethnicity.choices, blank=True)
    disability = models.CharField(max_length=20, choices=YesNo.choices, blank=True)
    send = models.CharField(
        _("special educational needs or disability (SEND)"),
        max_length=20,
        choices=YesNo.choices,
        blank=True,
    )
    care_status = models.CharField(
        _("in care or care leaver"), max_length=20, choices=CareStatus.choices, blank=True
    )
    young_carer = models.CharField(max_length=20, choices=YesNo.choices, blank=True)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    sexual_orientation = models.CharField(
        max_length=20, choices=SexualOrientation.choices, blank=True
    )
    area = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"Equality record {self.pk}"

    def clean(self) -> None:
        validate_single_line(self, ("gender_description", "area"))


#: The answers of an equality record, in the order pages and exports show them.
EQUALITY_FIELDS = (
    "gender",
    "gender_description",
    "ethnicity",
    "disability",
    "send",
    "care_status",
    "young_carer",
    "religion",
    "sexual_orientation",
    "area",
)


class Anonymisation(models.Model):
    """A record that a young person was anonymised, why, and the consents they had (as counts)."""

    Reason = AnonymisationReason

    young_person = models.OneToOneField(
        "people.YoungPerson", on_delete=models.CASCADE, related_name="anonymisation"
    )
    reason = models.CharField(max_length=16, choices=Reason.choices)
    anonymised_at = models.DateTimeField(auto_now_add=True)
    last_involvement = models.DateField(null=True, blank=True)
    consent_counts = models.JSONField(
        default=dict, blank=True, help_text=_("Consents they had, by purpose: given and withdrawn.")
    )
    by = staff_link()

    class Meta:
        ordering = ["-anonymised_at"]

    def __str__(self) -> str:
        return f"Anonymisation {self.pk} ({self.get_reason_display().lower()})"


class BenchmarkShare(TimeStampedModel):
    """The share of the partnership's (or an area's) children with one characteristic value."""

    characteristic = models.CharField(max_length=32, choices=Characteristic.choices)
    value = models.CharField(max_length=100)
    area = models.CharField(
        max_length=100, blank=True, help_text=_("Leave blank for the whole partnership.")
    )
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["characteristic", "area", "value"]
        constraints = [
            one_per("characteristic", "value", "area", name="one_benchmark_per_value"),
            models.CheckConstraint(
                condition=models.Q(share__gte=0) & models.Q(share__lte=100),
                name="benchmark_share_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_characteristic_display()} {self.value}: {self.share}%"

    def clean(self) -> None:
        validate_single_line(self, ("value", "area", "source"))


class LeastHeardTarget(TimeStampedModel):
    """How many young people of a least-heard group should take part in a period."""

    group = models.CharField(max_length=16, choices=LeastHeardGroup.choices)
    name = models.CharField(
        max_length=100, blank=True, help_text=_("For a named group: what to call it.")
    )
    characteristic = models.CharField(
        max_length=32, choices=Characteristic.choices, blank=True, help_text=_("For a named group.")
    )
    value = models.CharField(max_length=100, blank=True, help_text=_("For a named group."))
    target = models.PositiveIntegerField()
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["start", "group", "name"]
        constraints = [
            dates_in_order("start", "end", name="target_period_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.target} ({display(self.start)} to {display(self.end)})"

    def clean(self) -> None:
        validate_single_line(self, ("name", "value"))

    @property
    def label(self) -> str:
        return self.name if self.group == LeastHeardGroup.NAMED else self.get_group_display()
