"""The resources library (issue 19, M20): toolkits, session plans, case studies, good practice
and templates, tagged by theme, method and age band, each with a file (checked like evidence:
its type read from its first bytes) and/or a web link; and which resources a session used.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.fields import organisation_link, user_link
from heard.core.models import TimeStampedModel, one_per
from heard.core.roles import AgeBand
from heard.core.validators import validate_single_line
from heard.resources.choices import ResourceKind


class Resource(TimeStampedModel):
    Kind = ResourceKind

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    summary = models.TextField()
    themes = models.ManyToManyField("groups.Theme", blank=True, related_name="resources")
    methods = models.ManyToManyField("participation.Method", blank=True, related_name="resources")
    #: Several of ``AgeBand`` (empty: any age).
    age_bands = models.JSONField(_("age bands"), default=list, blank=True)
    organisation = organisation_link(
        "resources",
        optional=True,
        help_text=_("Whose resource it is; empty for the partnership's own."),
    )
    file = models.FileField(upload_to="resources/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    link = models.URLField(max_length=500, blank=True)
    published = models.BooleanField(
        default=False, help_text=_("Published resources are in the library for all staff.")
    )
    created_by = user_link("+")

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["kind", "title"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        validate_single_line(self, ("title",))

    def age_band_labels(self) -> list[str]:
        labels = dict(AgeBand.choices)
        return [str(labels.get(value, value)) for value in self.age_bands or []]


class SessionResource(models.Model):
    """A resource a session used."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    session = models.ForeignKey(
        "participation.Session", on_delete=models.CASCADE, related_name="resource_uses"
    )
    added_by = user_link("+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("resource used in a session")
        constraints = [
            one_per(
                "resource",
                "session",
                name="one_use_per_resource_and_session",
                message=_("The session already records this resource."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} used in session {self.session_id}"
