"""Indicators (M12): a measure from the library, its filters, a target and a red/amber/green rule.

The measure is named by its key in the library (``heard.indicators.measures``), not by a choice
list here: a measure added to the library needs no migration. What the measure counts is never
stored; it is computed from the records whenever it is read.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.fields import link, organisation_link, user_link
from heard.core.models import TimeStampedModel
from heard.core.roles import AgeBand
from heard.core.validators import validate_single_line
from heard.groups.models import Group
from heard.indicators.choices import IndicatorPeriod, IssuedReportKind
from heard.participation.models import Degree, ParticipationType, Session

#: The filters an indicator may set, in the order forms and pages show them.
FILTER_FIELDS = (
    "theme",
    "group_kind",
    "organisation",
    "lead",
    "age_band",
    "session_kind",
    "degree",
    "participation_type",
    "session_title",
)


class Indicator(TimeStampedModel):
    """A success measure the partnership sets, with a target, computed from the records."""

    Period = IndicatorPeriod

    name = models.CharField(max_length=200)
    measure = models.CharField(
        max_length=64, help_text=_("What is counted, chosen from the library of measures.")
    )
    period = models.CharField(max_length=16, choices=Period.choices, default=Period.YEAR)
    target = models.PositiveIntegerField(
        help_text=_("A number of young people, sessions or groups, or a percentage from 0 to 100.")
    )
    amber_within = models.PositiveSmallIntegerField(
        _("amber within (per cent of the target)"),
        default=10,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Green at or above the target; amber when the value is within this share of "
            "it (10: from 90% of the target); red below that."
        ),
    )
    theme = link("groups.Theme", "+", on_delete=models.PROTECT, optional=True)
    group_kind = models.CharField(max_length=32, choices=Group.Kind.choices, blank=True)
    organisation = organisation_link("+", optional=True)
    lead = user_link("+", on_delete=models.PROTECT, verbose_name=_("group lead"))
    age_band = models.CharField(max_length=16, choices=AgeBand.choices, blank=True)
    session_kind = models.CharField(max_length=32, choices=Session.Kind.choices, blank=True)
    degree = models.CharField(
        _("degree of participation"), max_length=32, choices=Degree.choices, blank=True
    )
    participation_type = models.CharField(
        _("type of participation"), max_length=16, choices=ParticipationType.choices, blank=True
    )
    session_title = models.CharField(
        _("sessions titled"),
        max_length=100,
        blank=True,
        help_text=_("Only sessions whose title contains these words (Takeover Day, say)."),
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amber_within__lte=100), name="indicator_amber_within_percent"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from heard.indicators.measures import measure_errors

        validate_single_line(self, ("name", "session_title"))
        errors = measure_errors(self)
        if errors:
            raise ValidationError(errors)


class IssuedReport(TimeStampedModel):
    """A quarterly or annual report as issued (M22): its period, filters, who issued it and when,
    and every figure, exact and protected, so it reads the same later whatever the records
    become."""

    Kind = IssuedReportKind

    kind = models.CharField(max_length=16, choices=Kind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    organisation = organisation_link("+", optional=True)
    #: Who issued it; empty when Heard itself did (the demo's report).
    issued_by = user_link("+", on_delete=models.PROTECT)
    #: ``{"exact": ..., "protected": ...}``: the report as ``reports.build`` made it for each
    #: audience, so every later reader gets the version the disclosure policy gives them.
    figures = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.starts_on:%-d %B %Y} to {self.ends_on:%-d %B %Y}"
