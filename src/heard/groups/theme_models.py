"""Themes (Spotlight areas) and their quarterly reviews (M3): the groups' models split by topic;
``heard.groups.models`` imports every name here, so that path keeps working."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.fields import user_link
from heard.core.models import TimeStampedModel, one_per, staff_link
from heard.core.validators import NotInFuture, validate_single_line
from heard.groups.choices import ThemeReviewDecision, ThemeStatus

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def validate_period_span(period: str) -> None:
    """A period like 2025-26 spans one year: the second part is the year after the first (the
    field's pattern answers for a period not written like that)."""
    match = _PERIOD.match(period or "")
    if not match:
        return
    first, second = int(match.group(1)), int(match.group(2))
    if (first + 1) % 100 != second:
        raise ValidationError(
            _("The period must span one year: %(span)s, not %(period)s.")
            % {"span": f"{first}-{(first + 1) % 100:02d}", "period": period},
            code="period_span",
        )


class Theme(TimeStampedModel):
    """A Spotlight area: a topic worked on for a period, with a lead and quarterly reviews."""

    Status = ThemeStatus

    title = models.CharField(max_length=200)
    period = models.CharField(
        max_length=7,
        validators=[
            RegexValidator(r"^\d{4}-\d{2}$", "Enter the period as a year span, like 2025-26."),
            validate_period_span,
        ],
        help_text=_("The year span, like 2025-26."),
    )
    lead = user_link("led_themes")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["-period", "title"]
        constraints = [one_per("title", "period", name="theme_title_period_unique")]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"

    def clean(self) -> None:
        validate_single_line(self, ("title",))


class ThemeReview(TimeStampedModel):
    """A quarterly review of a theme, ending in a decision to continue, change or close it."""

    Decision = ThemeReviewDecision

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField(validators=[NotInFuture("The review date cannot be in the future.")])
    summary = models.TextField()
    decision = models.CharField(max_length=16, choices=Decision.choices)
    reviewed_by = staff_link(blank=False)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"Review of {self.theme.title} on {self.date:%d %B %Y}"
