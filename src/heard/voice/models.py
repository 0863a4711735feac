"""Voice (M7, M8): what young people said, what was done about it, and telling them.

A view's loop runs open -> responded -> fed back -> rated. The status and the dates it moved are
stored on the view by the services, so loop figures over many views are plain aggregates.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.fields import link, organisation_link, user_link, young_person_link
from heard.core.models import TimeStampedModel, one_per, staff_link
from heard.core.tables import display
from heard.core.validators import NotInFuture, validate_single_line
from heard.voice.choices import (
    EvidenceKind,
    FeedbackChannel,
    RatingValue,
    ResponseOutcome,
    ViewConsent,
    ViewKind,
    ViewStatus,
)
from heard.voice.readability import reading_age


class View(TimeStampedModel):
    """Something a young person or a group said."""

    Kind = ViewKind
    Consent = ViewConsent
    Status = ViewStatus

    #: The loop, declared once: each status and the statuses it may move to.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.OPEN: (Status.RESPONDED,),
        Status.RESPONDED: (Status.FED_BACK,),
        Status.FED_BACK: (Status.RATED,),
        Status.RATED: (),
    }

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.VIEW)
    text = models.TextField()
    session = link("participation.Session", "views", on_delete=models.PROTECT, optional=True)
    organisation = organisation_link(
        "views", help_text=_("Whose records these are: the session's organisation.")
    )
    recorded_on = models.DateField(
        help_text=_("When the view was given."),
        validators=[NotInFuture(_("The date the view was given cannot be in the future."))],  # type: ignore[arg-type]
    )
    themes = models.ManyToManyField("groups.Theme", blank=True, related_name="views")
    young_people = models.ManyToManyField(
        "people.YoungPerson", blank=True, related_name="views", help_text=_("Who gave it.")
    )
    group = link(
        "groups.Group",
        "views",
        on_delete=models.PROTECT,
        optional=True,
        help_text=_("Set when a whole group gave the view."),
    )
    is_anonymous = models.BooleanField(default=False)
    consent = models.CharField(max_length=20, choices=Consent.choices, default=Consent.INTERNAL)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    responded_on = models.DateField(null=True, blank=True)
    fed_back_on = models.DateField(null=True, blank=True)
    recorded_by = staff_link()

    class Meta:
        ordering = ["-recorded_on", "-id"]
        indexes = [
            models.Index(fields=["status", "recorded_on"]),
            models.Index(fields=["organisation", "status"]),
            # What the loop's overdue lists filter on, without reading the wide rows: the ids of
            # the views in a status (and date), with the session and group a theme lead's
            # scope tests. National scale (65,000 responded views): the responses awaiting
            # feedback count 0.25 -> 0.15 s; the theme lead's home 1.24 -> 0.95 s.
            models.Index(
                fields=["status", "recorded_on", "id", "session", "group"],
                name="voice_view_status_scope",
            ),
            # The loop figures of a period (recorded, responded, fed back, with their keys and
            # the days to feedback) from the index alone on PostgreSQL: national scale, a
            # quarter's 50,000 views 0.20 -> 0.03 s. It serves the date's lookups as the
            # date's own index did.
            models.Index(
                fields=["recorded_on"],
                name="voice_view_recorded",
                include=["status", "id", "fed_back_on"],
            ),
            # The public "You said, we did" page: published views newest first, and their count
            # read from this index alone (national scale: 90,000 of 600,000; 86 ms -> ms).
            models.Index(
                fields=["-recorded_on", "-id"],
                condition=models.Q(consent="publish"),
                name="voice_view_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({display(self.recorded_on)})"


class Evidence(TimeStampedModel):
    """A file that goes with a view: a photo of a drawing, a recording, a document."""

    Kind = EvidenceKind

    view = models.ForeignKey(View, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    file = models.FileField(upload_to="evidence/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(max_length=200, blank=True)
    uploaded_by = staff_link(blank=False)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for view {self.view_id}"

    def clean(self) -> None:
        validate_single_line(self, ("description",))


class Response(TimeStampedModel):
    """What was done about one or more views: "we did", or why we could not."""

    Outcome = ResponseOutcome

    views = models.ManyToManyField(View, related_name="responses")
    decision_maker = models.CharField(max_length=200)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    explanation = models.TextField(
        help_text=_("What changed, or why it was not possible (required when not possible).")
    )
    plain_language = models.TextField(help_text=_("The same, in words a child can read."))
    #: The plain-language version's reading age (``voice.readability``), worked out when it is
    #: written, so lists read it instead of counting syllables for each row.
    reading_age = models.FloatField(default=0.0, db_default=0.0, editable=False)
    date = models.DateField(
        db_index=True,
        validators=[NotInFuture(_("The date of the response cannot be in the future."))],  # type: ignore[arg-type]
    )
    evidence_link = models.URLField(blank=True)
    written_by = staff_link(blank=False)
    #: Whether any of its views is still responded and not fed back: kept by the loop services
    #: (``voice.services.loop``) in the same transaction as the views' status, so "still owed
    #: feedback" reads one partial index instead of joining every response to its views.
    awaiting_feedback = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            # Lists run oldest or newest first by date then id; counts by date read the index.
            models.Index(fields=["date", "id"], name="voice_response_date_id"),
            # Still owed feedback, oldest first (national scale: 54,000 of 330,000 responses;
            # the semi-join over every response's views it replaces took 0.17 s a count).
            models.Index(
                fields=["date", "id"],
                condition=models.Q(awaiting_feedback=True),
                name="voice_response_awaiting",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="not_possible") | ~models.Q(explanation=""),
                name="not_possible_response_gives_reason",
            )
        ]

    def __str__(self) -> str:
        return f"Response {self.pk}: {self.get_outcome_display()} ({display(self.date)})"

    def clean(self) -> None:
        validate_single_line(self, ("decision_maker",))

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves the plain-language version's reading age with it, whoever writes it."""
        fields = kwargs.get("update_fields")
        if fields is None or "plain_language" in fields:
            self.reading_age = reading_age(self.plain_language)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "reading_age"}
        super().save(*args, **kwargs)


class Feedback(TimeStampedModel):
    """A response delivered to the young people and groups who gave the views."""

    Channel = FeedbackChannel

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="feedback")
    date = models.DateField(
        db_index=True,
        validators=[NotInFuture(_("The date the feedback was given cannot be in the future."))],  # type: ignore[arg-type]
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    given_by = staff_link(blank=False)
    young_people = models.ManyToManyField(
        "people.YoungPerson", blank=True, related_name="feedback_received"
    )
    groups = models.ManyToManyField("groups.Group", blank=True, related_name="feedback_received")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"Feedback on response {self.response_id} ({display(self.date)})"


class Rating(models.Model):
    """A young person's one-tap rating of a response they were told about."""

    Value = RatingValue

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="ratings")
    young_person = young_person_link("ratings")
    value = models.CharField(max_length=16, choices=Value.choices)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [one_per("response", "young_person", name="one_rating_per_young_person")]

    def __str__(self) -> str:
        return f"{self.get_value_display()} for response {self.response_id}"


class ViewResponsibility(models.Model):
    """A view that a member of staff answers for through a theme or a group, with the view's
    status and date: what a theme lead's overdue lists read (``voice.responsibility``).

    A user answers for a view of a theme they lead, for a view given in a session of a group
    they lead or of a group on a theme they lead, and for a view from a group on a theme they
    lead. Derived by ``voice.responsibility`` in the transaction of every change to those links
    and to the view's status or date, so the home page reads a theme lead's few overdue views
    by index instead of testing three subqueries against each of the partnership's open views
    (national scale: 168,000 open views, 80-180 ms a query; ADR 0007).
    """

    # The user's rows are found by the unique constraint's index (user, view).
    user = user_link("+", on_delete=models.CASCADE, optional=False, db_index=False)
    view = models.ForeignKey(View, on_delete=models.CASCADE, related_name="responsibilities")
    status = models.CharField(max_length=16, choices=View.Status.choices)
    recorded_on = models.DateField()

    class Meta:
        constraints = [one_per("user", "view", name="view_responsibility_unique")]
        indexes = [
            models.Index(
                fields=["user", "status", "recorded_on", "view"], name="view_responsibility_due"
            ),
        ]

    def __str__(self) -> str:
        return f"view {self.view_id} for user {self.user_id}"
