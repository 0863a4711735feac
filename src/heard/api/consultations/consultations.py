"""The consultations registry over the API, with the "asked before?" check on create (a 409 with
the earlier ones in ``similar``), and a survey's results under the disclosure policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common
from heard.api.fields import (
    AgeBandsField,
    AreasField,
    BulkRelatedField,
    ShownCountField,
    SuppressedCountField,
    VisibleField,
    VisibleGroupField,
    VisibleThemeField,
    optional_text,
)
from heard.consultations import filters, selectors, services
from heard.consultations.models import Consultation, Question
from heard.consultations.services.consultations import CONSULTATION_FIELDS
from heard.people.models import Organisation
from heard.voice.policies import RESPONSE_POLICY

# Consultations -----------------------------------------------------------------------------------


class ConsultationSerializer(common.OutputSerializer):
    status = serializers.ChoiceField(
        choices=Consultation.Status.choices,
        read_only=True,
        help_text="From the dates: planned before it opens, open until it closes, then closed.",
    )
    age_bands = AgeBandsField(read_only=True)
    areas = AreasField(read_only=True)
    response_count = ShownCountField(
        selectors.shown_response_count, help_text="How many young people answered (a survey)."
    )

    class Meta:
        model = Consultation
        fields = common.output_fields(CONSULTATION_FIELDS, "response_count", closes_on=["status"])


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


class AudienceOrganisationField(BulkRelatedField):
    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.filter(is_active=True)


class ConsultationInput(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    summary = optional_text()
    organisation = VisibleField(
        selectors.organisations_for_consultations, help_text="The owner organisation."
    )
    owner = VisibleField(
        selectors.owner_choices, required=False, allow_null=True, help_text="Default: you."
    )
    method = serializers.ChoiceField(choices=Consultation.Method.choices)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    themes = VisibleThemeField(many=True, required=False)
    age_bands = AgeBandsField(help_text="Empty: every age.")
    groups = VisibleGroupField(many=True, required=False, help_text="Empty: every group.")
    areas = AreasField(help_text="Empty: every area.")
    organisations = AudienceOrganisationField(
        many=True, required=False, help_text="Empty: every organisation."
    )
    findings = optional_text()
    decisions = optional_text()
    responses = VisibleField(
        lambda user: RESPONSE_POLICY.scope(user, "view"), many=True, required=False
    )
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
)
class ConsultationViewSet(common.RecordDeleteViewSet):
    """Consultations and surveys across the partnership. Every staff role reads them;
    programme staff keep them all, a partner worker their organisation's, a theme lead those
    on a theme they lead."""

    called = "a consultation"
    summaries = {
        "list": "The consultation registry",
        "destroy": "Delete a consultation with its questions and answers",
    }

    serializer_class = ConsultationSerializer
    input_serializer = ConsultationInput
    change_serializer = ConsultationChange
    filterset_class = filters.ConsultationFilter
    more_permissions = {"results": "view"}
    operations = common.Operations(selectors, services, "consultation")

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
