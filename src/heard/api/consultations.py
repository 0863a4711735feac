"""Consultations over the API: the partnership's registry (every staff role reads it; the right
roles keep it), with the "asked before?" check on create; a survey's questions; survey responses
(read by whoever keeps the survey); and a survey's results with the disclosure policy.

Creating a consultation on themes and an audience asked in the 12 months before it opens answers
409 Conflict with the earlier ones in ``similar``, and saves nothing, unless the request says
``"confirm_similar": true``: the caller reads them first, as the web form's "Check before you
start" step makes a person do."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api.common import (
    READ,
    STAMPS,
    TEXT_MAX_LENGTH,
    OutputSerializer,
    RecordDeleteViewSet,
    ServiceViewSet,
    model_permissions,
)
from heard.api.fields import (
    BulkRelatedField,
    SuppressedCountField,
    VisibleField,
    VisibleGroupField,
    VisibleThemeField,
)
from heard.consultations import filters, selectors, services
from heard.consultations.models import Answer, Consultation, Question, SurveyResponse
from heard.core.filters import FilterSet
from heard.core.roles import AgeBand
from heard.people.models import Organisation
from heard.voice.policies import RESPONSE_POLICY

# Consultations -----------------------------------------------------------------------------------


class ConsultationSerializer(OutputSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    owner_name = serializers.CharField(
        source="owner.full_name", read_only=True, allow_null=True, default=None
    )
    status = serializers.ChoiceField(
        choices=Consultation.Status.choices,
        read_only=True,
        help_text="From the dates: planned before it opens, open until it closes, then closed.",
    )
    age_bands = serializers.ListField(
        child=serializers.ChoiceField(choices=AgeBand.choices), read_only=True
    )
    areas = serializers.ListField(child=serializers.CharField(), read_only=True)
    response_count = serializers.IntegerField(
        read_only=True, help_text="How many young people answered (a survey)."
    )

    class Meta:
        model = Consultation
        fields = [
            "id",
            "title",
            "summary",
            "organisation",
            "organisation_name",
            "owner",
            "owner_name",
            "themes",
            "age_bands",
            "groups",
            "areas",
            "organisations",
            "opens_on",
            "closes_on",
            "status",
            "method",
            "findings",
            "decisions",
            "responses",
            "response_count",
            *STAMPS,
        ]


class SimilarSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation_name = serializers.CharField(source="organisation.name")
    owner_name = serializers.CharField(source="owner.full_name", allow_null=True, default=None)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    findings_url = serializers.SerializerMethodField()

    def get_findings_url(self, consultation: Consultation) -> str:
        return reverse("consultations:consultation-detail", args=[consultation.pk]) + "#findings"


class SimilarConflictSerializer(serializers.Serializer):  # type: ignore[type-arg]
    detail = serializers.CharField()
    confirm_similar = serializers.ListField(child=serializers.CharField())
    similar = SimilarSerializer(many=True)


class ConsultationOrganisationField(BulkRelatedField):
    """An organisation the user may start a consultation for (a partner worker: their own)."""

    def get_queryset(self) -> QuerySet[Organisation]:
        request = self.context.get("request")
        return selectors.organisations_for_consultations(getattr(request, "user", None))


class OwnerField(BulkRelatedField):
    """An active member of staff (a partner worker: of their own organisation)."""

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        return selectors.owner_choices(getattr(request, "user", None))


class AudienceOrganisationField(BulkRelatedField):
    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.filter(is_active=True)


class VisibleResponseField(VisibleField):
    selector = staticmethod(lambda user: RESPONSE_POLICY.scope(user, "view"))


class ConsultationInput(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    organisation = ConsultationOrganisationField(help_text="The owner organisation.")
    owner = OwnerField(required=False, allow_null=True, help_text="Default: you.")
    method = serializers.ChoiceField(choices=Consultation.Method.choices)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    themes = VisibleThemeField(many=True, required=False)
    age_bands = serializers.ListField(
        child=serializers.ChoiceField(choices=AgeBand.choices),
        required=False,
        max_length=len(AgeBand.choices),
        help_text="Empty: every age.",
    )
    groups = VisibleGroupField(many=True, required=False, help_text="Empty: every group.")
    areas = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        max_length=50,
        help_text="Empty: every area.",
    )
    organisations = AudienceOrganisationField(
        many=True, required=False, help_text="Empty: every organisation."
    )
    findings = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    decisions = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    responses = VisibleResponseField(many=True, required=False)
    confirm_similar = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Start it even though others on its themes and audience ran in the last 12 "
        "months (without it, such a create answers 409 with them in `similar`).",
    )


class ConsultationChange(ConsultationInput):
    confirm_similar = None  # type: ignore[assignment]


# Results -----------------------------------------------------------------------------------------


class OptionResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    label = serializers.CharField()  # type: ignore[assignment]
    count = SuppressedCountField()
    percent = serializers.FloatField(allow_null=True, help_text="Of those who answered, or null.")


class TextAnswerSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    text = serializers.CharField()
    view = serializers.IntegerField(
        source="view_id", allow_null=True, help_text="The view it became in the loop, if any."
    )


class QuestionResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    question = serializers.IntegerField(source="question.pk")
    position = serializers.IntegerField(source="question.position")
    text = serializers.CharField(source="question.text")
    kind = serializers.ChoiceField(source="question.kind", choices=Question.Kind.choices)
    answered = SuppressedCountField()
    options = OptionResultSerializer(many=True)
    mean = serializers.FloatField(allow_null=True)
    texts = TextAnswerSerializer(
        many=True, help_text="Free-text answers, for those who keep the survey only."
    )


class ResultsSerializer(serializers.Serializer):  # type: ignore[type-arg]
    exact = serializers.BooleanField()
    responses = SuppressedCountField()
    note = serializers.CharField()
    questions = QuestionResultSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="The consultation registry"),
    retrieve=extend_schema(summary="One consultation"),
    create=extend_schema(
        summary="Start a consultation (409 when young people were asked before)",
        responses={
            201: ConsultationSerializer,
            409: OpenApiResponse(
                SimilarConflictSerializer,
                description="Others on its themes and audience ran in the 12 months before it "
                "opens: nothing is saved; read them, then send `confirm_similar: true`.",
            ),
        },
    ),
    partial_update=extend_schema(summary="Change a consultation"),
    destroy=extend_schema(summary="Delete a consultation with its questions and answers"),
)
class ConsultationViewSet(RecordDeleteViewSet):
    """Consultations and surveys across the partnership. Every staff role reads them;
    programme staff keep them all, a partner worker their organisation's, a theme lead those
    on a theme they lead."""

    serializer_class = ConsultationSerializer
    input_serializer = ConsultationInput
    change_serializer = ConsultationChange
    filterset_class = filters.ConsultationFilter
    queryset = Consultation.objects.none()
    one = staticmethod(selectors.consultation_get)
    action_permissions = model_permissions(Consultation, destroy="delete", results="view")

    def get_queryset(self) -> QuerySet[Consultation]:
        return selectors.consultations_visible_to(self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        values = self.validated()
        try:
            added = services.consultation_create(actor=self.actor, **values)
        except services.SimilarConsultations as similar:
            body = {
                "detail": "Young people in this audience were asked about these themes in the "
                "last 12 months.",
                "confirm_similar": similar.messages,
                "similar": SimilarSerializer(similar.similar, many=True).data,
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        return self.shown(added, status.HTTP_201_CREATED)

    def change(self, obj: Consultation, values: dict[str, Any]) -> Consultation:
        return services.consultation_update(actor=self.actor, consultation=obj, **values)

    def remove(self, obj: Any) -> None:
        services.consultation_delete(actor=self.actor, consultation=obj)

    @extend_schema(
        responses=ResultsSerializer,
        summary="A survey's results (exact, or protected for readers who may not open every "
        "response); while it is open, for those who keep it only",
    )
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        consultation = selectors.consultation_get(request.user, pk)
        if not selectors.results_visible(request.user, consultation):
            raise PermissionDenied("The results show once the survey has closed.")
        results = selectors.survey_results(request.user, consultation)
        return Response(ResultsSerializer(results).data)


# Questions ---------------------------------------------------------------------------------------


class QuestionSerializer(OutputSerializer):
    options = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "consultation",
            "position",
            "text",
            "kind",
            "options",
            "low_label",
            "high_label",
            "required",
            *STAMPS,
        ]


class VisibleConsultationField(VisibleField):
    selector = staticmethod(selectors.consultations_visible_to)


class QuestionInput(serializers.Serializer):  # type: ignore[type-arg]
    consultation = VisibleConsultationField(help_text="A survey you keep.")
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


def _question_get(user: Any, pk: Any) -> Question:
    return selectors._get(_questions_visible_to(user), pk, "question")  # type: ignore[no-any-return]


@extend_schema_view(
    list=extend_schema(summary="Survey questions"),
    retrieve=extend_schema(summary="One survey question"),
    create=extend_schema(summary="Add a question at the end of a survey"),
    partial_update=extend_schema(
        summary="Change a question (once answered: its wording and whether it is required only)"
    ),
    destroy=extend_schema(summary="Delete a question nobody has answered"),
)
class QuestionViewSet(RecordDeleteViewSet):
    serializer_class = QuestionSerializer
    input_serializer = QuestionInput
    change_serializer = QuestionChange
    filterset_class = QuestionFilter
    queryset = Question.objects.none()
    one = staticmethod(_question_get)
    action_permissions = model_permissions(Question, destroy="delete", move="change")

    def get_queryset(self) -> QuerySet[Question]:
        return _questions_visible_to(self.request.user)

    def record(self, values: dict[str, Any]) -> Question:
        return services.question_add(actor=self.actor, **values)

    def change(self, obj: Question, values: dict[str, Any]) -> Question:
        return services.question_update(actor=self.actor, question=obj, **values)

    def remove(self, obj: Any) -> None:
        services.question_delete(actor=self.actor, question=obj)

    @extend_schema(
        request=QuestionMoveInput,
        responses=QuestionSerializer,
        summary="Move a question one place up or down",
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str | None = None) -> Response:
        question = self.to_change()
        values = self.validated(QuestionMoveInput)
        return self.shown(services.question_move(actor=self.actor, question=question, **values))


# Survey responses --------------------------------------------------------------------------------


class AnswerSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    choices = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Answer
        fields = ["id", "question", "choices", "scale", "text", "view"]
        read_only_fields = fields


class SurveyResponseSerializer(OutputSerializer):
    young_person_reference = serializers.CharField(source="young_person.reference", read_only=True)
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


def _response_get(user: Any, pk: Any) -> SurveyResponse:
    return selectors._get(  # type: ignore[no-any-return]
        selectors.survey_responses_visible_to(user), pk, "response"
    )


@extend_schema_view(
    list=extend_schema(summary="Survey responses (of the surveys you keep)"),
    retrieve=extend_schema(summary="One survey response with its answers"),
)
class SurveyResponseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """What young people answered in the portal: read by whoever keeps the survey. Answers are
    given in the portal only."""

    http_method_names = ["get", "head", "options"]
    serializer_class = SurveyResponseSerializer
    filterset_class = SurveyResponseFilter
    queryset = SurveyResponse.objects.none()
    one = staticmethod(_response_get)
    action_permissions = model_permissions(SurveyResponse, READ)

    def get_queryset(self) -> QuerySet[SurveyResponse]:
        return selectors.survey_responses_visible_to(self.request.user)
