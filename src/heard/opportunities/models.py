"""Opportunities to get involved (issue 19, M18): a panel, an event, a short-notice focus group,
media work or training that young people see in the portal when it suits them, and sign up for.

An opportunity belongs to one organisation and says who it suits (age bands, groups, areas: each
empty for everyone), when and where it is, how it is accessible, when sign-ups close and how many
places it has. A sign-up is one young person's, made in the portal or by a worker; a worker
turns the sign-ups of those who came into attendance at a participation session.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core.fields import link, organisation_link, user_link, young_person_link
from heard.core.models import TimeStampedModel, one_per
from heard.core.roles import AgeBand
from heard.core.tables import display
from heard.core.validators import NotBefore1900, validate_single_line
from heard.opportunities.choices import OpportunityKind, OpportunityStatus, SignUpHow, SignUpStatus


class Opportunity(TimeStampedModel):
    """A chance to get involved that young people can see and sign up for."""

    Kind = OpportunityKind
    Status = OpportunityStatus

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    description = models.TextField()
    organisation = organisation_link("opportunities")
    #: Who it suits: several of ``AgeBand`` (empty: every age).
    age_bands = models.JSONField(_("age bands"), default=list, blank=True)
    #: Members of any of these groups (none: everyone).
    groups = models.ManyToManyField("groups.Group", blank=True, related_name="opportunities")
    #: Young people living in any of these areas (none: everywhere), compared ignoring case.
    areas = models.JSONField(default=list, blank=True)
    starts_at = models.DateTimeField(_("starts"), validators=[NotBefore1900()])
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True, validators=[NotBefore1900()])
    place = models.CharField(
        _("where"), max_length=200, blank=True, help_text=_("The address or the name of the place.")
    )
    online = models.BooleanField(default=False)
    accessibility = models.TextField(
        blank=True, help_text=_("Step-free access, BSL interpreter, a quiet room, and so on.")
    )
    closes_on = models.DateField(_("closing date"))
    places = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    #: Set by the service (the actor), never by a form: blank for what Heard itself recorded.
    created_by = user_link("+")

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["organisation", "-starts_at"]),
            models.Index(fields=["status", "closes_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="opportunity_ends_after_it_starts",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({display(timezone.localdate(self.starts_at))})"

    def clean(self) -> None:
        validate_single_line(self, ("title", "place"))

    def age_band_labels(self) -> list[str]:
        labels = dict(AgeBand.choices)
        return [str(labels.get(value, value)) for value in self.age_bands or []]

    @property
    def where(self) -> str:
        parts = [self.place] if self.place else []
        if self.online:
            parts.append("Online")
        return ", ".join(parts)

    def is_open_on(self, day: Any) -> bool:
        """Published and taking sign-ups on ``day``."""
        return self.status == self.Status.PUBLISHED and day <= self.closes_on


class SignUp(TimeStampedModel):
    """A young person's sign-up to an opportunity: one per young person and opportunity."""

    How = SignUpHow
    Status = SignUpStatus

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="sign_ups")
    young_person = young_person_link("opportunity_sign_ups")
    signed_up_at = models.DateTimeField(_("signed up"), default=timezone.now)
    how = models.CharField(max_length=16, choices=How.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SIGNED_UP)
    #: The participation session the young person attended, once turned into attendance.
    session = link(
        "participation.Session", "opportunity_sign_ups", on_delete=models.SET_NULL, optional=True
    )
    recorded_by = user_link("+")

    class Meta:
        ordering = ["signed_up_at", "id"]
        verbose_name = _("sign-up")
        constraints = [
            one_per(
                "opportunity",
                "young_person",
                name="one_sign_up_per_young_person_and_opportunity",
                message=_("This young person has already signed up."),
            )
        ]
        indexes = [models.Index(fields=["young_person", "status"])]

    def __str__(self) -> str:
        return f"Sign-up to {self.opportunity.title}"

    @property
    def takes_a_place(self) -> bool:
        return self.status != self.Status.WITHDRAWN
