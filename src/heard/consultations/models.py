"""Consultations and surveys (issue 19, M9).

A consultation is one partner's survey, focus group, event or other way of asking young people
something: what it asked, of whom (its audience: age bands, groups, areas and organisations;
empty means everyone), when, what it found and the decisions that followed. The registry spans
the partnership so that, before a new one starts, Heard shows those on the same themes and
audience in the last twelve months (seed 001: Cambridgeshire's consultation database, so young
people are not asked the same thing twice).

A consultation of method "survey" has questions that young people answer once in the portal;
a free-text answer can become a view in the "you said, we did" loop, once.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.consultations.choices import ConsultationMethod, ConsultationStatus, QuestionKind
from heard.core.fields import organisation_link, user_link, young_person_link
from heard.core.models import TimeStampedModel, one_per
from heard.core.roles import AgeBand
from heard.core.tables import display
from heard.core.validators import validate_single_line


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def with_status(self, status: str, today: datetime.date | None = None) -> Any:
        """Those planned (opening after ``today``), open or closed (closed before ``today``)."""
        today = today or timezone.localdate()
        if status == Consultation.Status.PLANNED:
            return self.filter(opens_on__gt=today)
        if status == Consultation.Status.OPEN:
            return self.filter(opens_on__lte=today, closes_on__gte=today)
        return self.filter(closes_on__lt=today)


class Consultation(TimeStampedModel):
    """A consultation or survey: who asked whom what, when, and what came of it."""

    Method = ConsultationMethod
    Status = ConsultationStatus

    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, help_text=_("What it asks and why."))
    organisation = organisation_link("consultations", verbose_name=_("owner organisation"))
    owner = user_link("consultations_owned", help_text=_("The member of staff who runs it."))
    themes = models.ManyToManyField("groups.Theme", blank=True, related_name="consultations")
    #: The audience: each part empty means everyone; a young person is in it when they match
    #: every part that is not empty.
    age_bands = models.JSONField(default=list, blank=True)
    groups = models.ManyToManyField("groups.Group", blank=True, related_name="consultations")
    areas = models.JSONField(default=list, blank=True)
    organisations = models.ManyToManyField(
        "people.Organisation",
        blank=True,
        related_name="consultations_for",
        verbose_name=_("audience organisations"),
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    method = models.CharField(max_length=16, choices=Method.choices)
    findings = models.TextField(blank=True)
    decisions = models.TextField(_("decisions that followed"), blank=True)
    responses = models.ManyToManyField(
        "voice.Response",
        blank=True,
        related_name="consultations",
        verbose_name=_("responses in the loop"),
    )
    recorded_by = user_link("+")

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [
            models.Index(fields=["closes_on", "opens_on"]),
            models.Index(fields=["organisation", "-opens_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_it_opens",
                violation_error_message=_("The closing date must be on or after the opening date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({display(self.opens_on)})"

    def clean(self) -> None:
        validate_single_line(self, ("title",))

    def status_on(self, today: datetime.date) -> str:
        if self.opens_on > today:
            return self.Status.PLANNED
        if self.closes_on >= today:
            return self.Status.OPEN
        return self.Status.CLOSED

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(dict(self.Status.choices)[self.status])

    @property
    def is_survey(self) -> bool:
        return self.method == self.Method.SURVEY

    def age_band_labels(self) -> list[str]:
        labels = dict(AgeBand.choices)
        return [str(labels.get(value, value)) for value in self.age_bands or []]


class Question(TimeStampedModel):
    """One question of a survey, in its place."""

    Kind = QuestionKind

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(default=1)
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    #: The options of a choice question, in order (empty for a scale or free text).
    options = models.JSONField(default=list, blank=True)
    low_label = models.CharField(_("label for 1"), max_length=100, blank=True)
    high_label = models.CharField(_("label for 5"), max_length=100, blank=True)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["consultation", "position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class SurveyResponse(models.Model):
    """One young person's answers to one survey: once each."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="survey_responses"
    )
    young_person = young_person_link("survey_responses")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            one_per(
                "consultation",
                "young_person",
                name="one_survey_response_per_young_person",
                message=_("This young person has already answered this survey."),
            )
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.consultation.title}"


class Answer(models.Model):
    """The answer to one question in one response."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    #: The options chosen (a choice question), by their text.
    choices = models.JSONField(default=list, blank=True)
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    #: The view this free-text answer became in the loop (once).
    view = models.OneToOneField(
        "voice.View",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_answer",
    )

    class Meta:
        ordering = ["response", "question__position", "id"]
        constraints = [one_per("response", "question", name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"

    def as_text(self) -> str:
        """What was answered, as one cell of an export."""
        if self.choices:
            return "; ".join(str(choice) for choice in self.choices)
        if self.scale is not None:
            return str(self.scale)
        return self.text
