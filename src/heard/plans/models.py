"""Action plans (M10): one plan per organisation per period, its outcomes under the seven Hear by
Right standards, each outcome's supporting actions, and the dated reviews of each action.

Leads, timescales, resources and risks are kept as the team wrote them (seed 001's "CL PW/CB",
"As required", "May-July 09"); an action's leads may also name staff, and its due date is what
makes it overdue on its leads' home pages."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.models import TimeStampedModel, dates_in_order, one_per, staff_link
from heard.core.standards import Standard
from heard.core.validators import validate_single_line
from heard.people.models import Organisation
from heard.plans.choices import Progress as Progress


class ActionPlan(TimeStampedModel):
    """An organisation's action plan for one period ("2009-10", or a six-month block)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="action_plans"
    )
    period = models.CharField(
        max_length=20, help_text=_("The period's label as the plan names it, like 2009-10.")
    )
    starts_on = models.DateField(_("Start date"))
    ends_on = models.DateField(_("End date"))
    title = models.CharField(max_length=200)
    review_every_months = models.PositiveSmallIntegerField(
        _("Review every (months)"),
        default=6,
        help_text=_("How often the plan's actions are reviewed, in months."),
    )

    class Meta:
        ordering = ["-starts_on", "organisation__name"]
        constraints = [
            one_per("organisation", "period", name="plan_one_per_organisation_period"),
            dates_in_order("starts_on", "ends_on", name="plan_dates_in_order"),
            models.CheckConstraint(
                condition=models.Q(review_every_months__gte=1, review_every_months__lte=24),
                name="plan_review_every_1_to_24_months",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"

    def clean(self) -> None:
        validate_single_line(self, ("title", "period"))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end date must be on or after the start date.")}
            )


class Outcome(TimeStampedModel):
    """An outcome the plan works towards, under one standard, numbered as the plan writes it."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="outcomes")
    standard = models.CharField(max_length=32, choices=Standard.choices)
    number = models.CharField(
        max_length=16, blank=True, help_text=_("Its number as the plan writes it, like 1.2.")
    )
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        first_line = self.text.splitlines()[0] if self.text else ""
        return f"{self.number} {first_line}".strip()[:120]

    def clean(self) -> None:
        validate_single_line(self, ("number",))


class Action(TimeStampedModel):
    """A supporting action of an outcome: its text (lines kept), who leads it, when and with
    what, its risks, and its progress (set by its latest review)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField()
    lead_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="led_plan_actions"
    )
    lead_text = models.TextField(
        _("Leads as written"), blank=True, help_text=_("Initials or names as the plan writes them.")
    )
    timescale = models.TextField(blank=True, help_text=_("As written, like “May-July 09”."))
    due_on = models.DateField(_("Due date"), null=True, blank=True)
    resources = models.TextField(blank=True)
    risks = models.TextField(_("Risks identified"), blank=True)
    progress = models.CharField(
        max_length=16, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["outcome", "order", "id"]
        indexes = [models.Index(fields=["due_on", "progress"])]

    def __str__(self) -> str:
        first_line = self.text.splitlines()[0] if self.text else ""
        return first_line[:120]

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due_on is not None and self.due_on < today and self.progress != Progress.DONE


class ActionReview(TimeStampedModel):
    """A dated review of an action: its progress then, and a comment."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField()
    progress = models.CharField(max_length=16, choices=Progress.choices)
    comment = models.TextField(blank=True)
    reviewed_by = staff_link()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"Review of {self.action} on {self.date:%Y-%m-%d}"
