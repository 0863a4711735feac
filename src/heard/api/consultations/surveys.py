"""A survey's questions over the API (kept by whoever keeps the survey) and its responses (read by
them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from rest_framework import mixins, serializers

from heard.api import common
from heard.api.actions import RecordAction
from heard.api.fields import VisibleField
from heard.consultations import selectors, services
from heard.consultations.models import Answer, Question, SurveyResponse
from heard.consultations.services.questions import QUESTION_FIELDS
from heard.core.filters import FilterSet

# Questions ---------------------------------------------------------------------------------------


class QuestionSerializer(common.OutputSerializer):
    options = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "consultation",
            "position",
            *QUESTION_FIELDS,
            *common.STAMPS,
        ]


class QuestionInput(serializers.Serializer):  # type: ignore[type-arg]
    consultation = VisibleField(selectors.consultations_visible_to, help_text="A survey you keep.")
    text = serializers.CharField(max_length=500)
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    options = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=20,
        help_text="A choice question's options, at least two.",
    )
    low_label = serializers.CharField(max_length=100, required=False, allow_blank=True)
    high_label = serializers.CharField(max_length=100, required=False, allow_blank=True)
    required = serializers.BooleanField(required=False, default=True)  # type: ignore[assignment]


class QuestionChange(QuestionInput):
    consultation = None  # type: ignore[assignment]


class QuestionMoveInput(serializers.Serializer):  # type: ignore[type-arg]
    direction = serializers.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class QuestionFilter(FilterSet):
    consultation = django_filters.NumberFilter(field_name="consultation_id", min_value=1)

    class Meta:
        model = Question
        fields: list[str] = []


def _questions_visible_to(user: Any) -> QuerySet[Question]:
    return Question.objects.filter(
        consultation__in=selectors.consultations_visible_to(user).values("pk")
    ).order_by("consultation_id", "position", "id")


class QuestionViewSet(common.RecordDeleteViewSet):
    called = "a survey question"
    summaries = {
        "list": "Survey questions",
        "create": "Add a question at the end of a survey",
        "partial_update": (
            "Change a question (once answered: its wording and whether it is required only)"
        ),
        "destroy": "Delete a question nobody has answered",
    }

    serializer_class = QuestionSerializer
    input_serializer = QuestionInput
    change_serializer = QuestionChange
    filterset_class = QuestionFilter
    visible = staticmethod(_questions_visible_to)
    noun = "question"
    more_permissions = {"move": "change"}
    operations = common.Operations(selectors, services, "question")

    move = RecordAction(
        services.question_move,
        QuestionMoveInput,
        summary="Move a question one place up or down",
    )


# Survey responses --------------------------------------------------------------------------------


class AnswerSerializer(common.OutputSerializer):
    choices = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Answer
        fields = ["id", "question", "choices", "scale", "text", "view"]


class SurveyResponseSerializer(common.OutputSerializer):
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = SurveyResponse
        fields = [
            "id",
            "consultation",
            "young_person",
            "young_person_reference",
            "submitted_at",
            "answers",
        ]


class SurveyResponseFilter(FilterSet):
    consultation = django_filters.NumberFilter(field_name="consultation_id", min_value=1)

    class Meta:
        model = SurveyResponse
        fields: list[str] = []


class SurveyResponseViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, common.ServiceViewSet
):
    """What young people answered in the portal: read by whoever keeps the survey. Answers are
    given in the portal only."""

    summaries = {
        "list": "Survey responses (of the surveys you keep)",
        "retrieve": "One survey response with its answers",
    }

    http_method_names = ["get", "head", "options"]
    serializer_class = SurveyResponseSerializer
    filterset_class = SurveyResponseFilter
    noun = "response"
    visible = staticmethod(selectors.survey_responses_visible_to)
