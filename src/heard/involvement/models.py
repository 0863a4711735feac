"""Young people's involvement in decisions, and their evaluations of sessions (issue 18).

An involvement activity is a recruitment, commissioning or procurement exercise (or another
decision) of one organisation, and whether and how young people took part in it: the seed 002
indicator "share of recruitment and procurement with young people involved" counts them. An
evaluation is one young person's rating of a session or event, from paper or the portal.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.fields import organisation_link, user_link, young_person_link
from heard.core.models import TimeStampedModel, one_per
from heard.core.tables import display
from heard.core.validators import NotInFuture, validate_single_line
from heard.involvement.choices import (
    EvaluationRating,
    EvaluationSource,
    InvolvementActivityHow,
    InvolvementActivityKind,
)

FUTURE_ACTIVITY = _(
    "The date of an activity cannot be in the future: record it once it has happened."
)


class InvolvementActivity(TimeStampedModel):
    """A recruitment, commissioning or procurement exercise, and young people's part in it."""

    Kind = InvolvementActivityKind
    How = InvolvementActivityHow

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    date = models.DateField(validators=[NotInFuture(FUTURE_ACTIVITY)])  # type: ignore[arg-type]
    organisation = organisation_link("involvement_activities")
    young_people_involved = models.BooleanField(_("young people involved"), default=False)
    #: How young people took part: several of ``How`` (empty when they were not involved).
    how = models.JSONField(_("how young people were involved"), default=list, blank=True)
    young_people = models.ManyToManyField(
        "people.YoungPerson", blank=True, related_name="involvement_activities"
    )
    notes = models.TextField(blank=True)
    #: Set by the service (the actor), never by a form: blank for what Heard itself recorded.
    recorded_by = user_link("+")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = _("involvement activities")
        indexes = [models.Index(fields=["organisation", "-date"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.title} ({display(self.date)})"

    def clean(self) -> None:
        validate_single_line(self, ("title",))

    def how_labels(self) -> list[str]:
        labels = dict(self.How.choices)
        return [str(labels.get(value, value)) for value in self.how or []]


class Evaluation(TimeStampedModel):
    """A young person's rating of a session or event: from paper (entered by a worker, possibly
    anonymous) or from the portal (by the young person, once per session, changeable)."""

    Rating = EvaluationRating
    Source = EvaluationSource

    session = models.ForeignKey(
        "participation.Session", on_delete=models.CASCADE, related_name="evaluations"
    )
    young_person = young_person_link(
        "evaluations", optional=True, help_text=_("Empty for an anonymous evaluation from paper.")
    )
    rating = models.CharField(max_length=16, choices=Rating.choices)
    comment = models.TextField(blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.PAPER)
    recorded_by = user_link("+")

    class Meta:
        ordering = ["-session__date", "-id"]
        indexes = [models.Index(fields=["session", "rating"])]
        constraints = [
            one_per(
                "session",
                "young_person",
                name="one_evaluation_per_young_person_and_session",
                condition=models.Q(young_person__isnull=False),
                message=_("This young person has already evaluated this session."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} evaluation of {self.session}"
