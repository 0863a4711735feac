"""Responses and feedback over the API, with the pages' permissions."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from heard.api import common
from heard.api.fields import (
    VisibleField,
    VisibleGroupField,
    VisibleViewField,
    VisibleYoungPersonField,
)
from heard.groups.models import Group
from heard.people.models import YoungPerson
from heard.voice import selectors, services
from heard.voice.filters import ResponseFilter
from heard.voice.models import Feedback, Response, View
from heard.voice.readability import warning_at


class ResponseInput(serializers.Serializer):
    views = VisibleViewField(many=True, queryset=View.objects.all(), allow_empty=False)
    decision_maker = serializers.CharField(max_length=200)
    outcome = serializers.ChoiceField(choices=Response.Outcome.choices)
    explanation = serializers.CharField(
        max_length=10_000,
        allow_blank=True,
        help_text="What changed, or why not: required, and always when not possible.",
    )
    plain_language = serializers.CharField(max_length=10_000)
    date = serializers.DateField()
    evidence_link = serializers.URLField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="A link to evidence of what was done; empty or null for none.",
    )

    def validate_evidence_link(self, value: str | None) -> str:
        return value or ""


class OptionalLinkField(serializers.URLField):
    """A link, or null when there is none (stored as an empty string, which is no URI)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value: str) -> str | None:  # type: ignore[override]
        return value or None


class ResponseOutput(common.OutputSerializer):
    views = serializers.SerializerMethodField(help_text="The views it answers that you may see.")
    evidence_link = OptionalLinkField(
        help_text="A link to evidence of what was done; null when there is none."
    )
    reading_age = serializers.FloatField(
        read_only=True, help_text="Of the plain-language version: Flesch-Kincaid grade plus 5."
    )
    readability_warning = serializers.SerializerMethodField(
        help_text="Set when the plain-language version reads above a reading age of about 11."
    )

    class Meta:
        model = Response
        fields = [
            "id",
            "views",
            "decision_maker",
            "outcome",
            "explanation",
            "plain_language",
            "reading_age",
            "readability_warning",
            "date",
            "evidence_link",
            "written_by",
            *common.STAMPS,
        ]

    def get_views(self, obj: Response) -> list[int]:
        return [view.pk for view in obj.views.all()]

    def get_readability_warning(self, obj: Response) -> str | None:
        return warning_at(obj.reading_age)


class ResponseViewSet(common.ReadCreateViewSet):
    """What was done about views. A "not possible" response must give the reason."""

    called = "a response"
    summaries = {
        "list": "Responses the user may see",
        "create": "Respond to open views",
    }

    filterset_class = ResponseFilter
    serializer_class = ResponseOutput
    input_serializer = ResponseInput
    operations = common.Operations(selectors, services, "response", add="record")


class VisibleResponseField(VisibleField):
    selector = staticmethod(selectors.responses_scoped)


class FeedbackInput(serializers.Serializer):
    response = VisibleResponseField(queryset=Response.objects.all())
    date = serializers.DateField()
    channel = serializers.ChoiceField(choices=Feedback.Channel.choices)
    young_people = VisibleYoungPersonField(
        many=True, queryset=YoungPerson.objects.all(), required=False
    )
    groups = VisibleGroupField(many=True, queryset=Group.objects.all(), required=False)
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class FeedbackOutput(common.OutputSerializer):
    class Meta:
        model = Feedback
        fields = [
            "id",
            "response",
            "date",
            "channel",
            "given_by",
            "young_people",
            "groups",
            "notes",
            "created_at",
        ]


class FeedbackViewSet(common.ListCreateViewSet):
    """A response told to the young people and groups who gave its views."""

    summaries = {
        "list": "Feedback the user may see",
        "create": "Record feedback on a response",
    }

    serializer_class = FeedbackOutput
    input_serializer = FeedbackInput
    visible = staticmethod(selectors.feedback_visible_to)
    adds = staticmethod(services.feedback_record)

    def fresh(self, feedback: Feedback) -> Feedback:
        return selectors.feedback_visible_to(self.request.user).get(pk=feedback.pk)
