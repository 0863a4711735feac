"""Views, responses, feedback and the loop figures over the API, with the pages' permissions."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response as APIResponse
from rest_framework.routers import BaseRouter

from heard.api.fields import (
    SuppressedCountField,
    SuppressedShareField,
    VisibleField,
    VisibleGroupField,
    VisibleOrganisationField,
    VisibleSessionField,
    VisibleThemeField,
    VisibleViewField,
    VisibleYoungPersonField,
)
from heard.core import disclosure
from heard.core.permissions import can
from heard.core.suppression import WITHHELD
from heard.groups.models import Group, Theme
from heard.participation.models import Session
from heard.people.models import Organisation, YoungPerson
from heard.voice import selectors, services
from heard.voice.consents import withheld_message
from heard.voice.disclosure import loop_figures_exact_for, loop_figures_shown
from heard.voice.filters import ResponseFilter, ViewFilter
from heard.voice.models import Evidence, Feedback, Response, View
from heard.voice.readability import warning_at

# --- Views -----------------------------------------------------------------------------------


class ViewInput(serializers.Serializer):
    text = serializers.CharField(max_length=10_000)
    kind = serializers.ChoiceField(choices=View.Kind.choices, required=False)
    session = VisibleSessionField(queryset=Session.objects.all(), required=False, allow_null=True)
    organisation = VisibleOrganisationField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Needed only without a session (it is the session's otherwise).",
    )
    recorded_on = serializers.DateField(required=False, allow_null=True)
    themes = VisibleThemeField(many=True, queryset=Theme.objects.all(), required=False)
    young_people = VisibleYoungPersonField(
        many=True, queryset=YoungPerson.objects.all(), required=False
    )
    group = VisibleGroupField(queryset=Group.objects.all(), required=False, allow_null=True)
    is_anonymous = serializers.BooleanField(required=False)
    consent = serializers.ChoiceField(choices=View.Consent.choices, required=False)


class ViewUpdateInput(serializers.Serializer):
    text = serializers.CharField(max_length=10_000, required=False)
    kind = serializers.ChoiceField(choices=View.Kind.choices, required=False)
    recorded_on = serializers.DateField(required=False)
    themes = VisibleThemeField(many=True, queryset=Theme.objects.all(), required=False)
    young_people = VisibleYoungPersonField(
        many=True, queryset=YoungPerson.objects.all(), required=False
    )
    group = VisibleGroupField(queryset=Group.objects.all(), required=False, allow_null=True)
    is_anonymous = serializers.BooleanField(required=False)
    consent = serializers.ChoiceField(choices=View.Consent.choices, required=False)


class EvidenceOutput(serializers.ModelSerializer):
    """An evidence file. An image whose people lack a current consent to photographs is withheld:
    no description and no download, only why."""

    description = serializers.SerializerMethodField()
    withheld = serializers.SerializerMethodField(
        help_text="True for an image that must not be shown or downloaded."
    )
    withheld_reason = serializers.SerializerMethodField(
        help_text='Why, e.g. "Photo withheld: consent for photographs was withdrawn"; else "".'
    )
    download = serializers.SerializerMethodField(
        help_text="The staff page that downloads the file (signed-in staff); null when withheld."
    )

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "content_type",
            "size",
            "description",
            "withheld",
            "withheld_reason",
            "download",
            "created_at",
        ]
        read_only_fields = fields

    def get_description(self, obj: Evidence) -> str:
        return "" if withheld_message(obj) else obj.description

    def get_withheld(self, obj: Evidence) -> bool:
        return bool(withheld_message(obj))

    def get_withheld_reason(self, obj: Evidence) -> str:
        return withheld_message(obj)

    def get_download(self, obj: Evidence) -> str | None:
        if withheld_message(obj):
            return None
        return reverse("voice:evidence-download", args=[obj.pk])


class ViewOutput(serializers.ModelSerializer):
    evidence = EvidenceOutput(many=True, read_only=True)

    class Meta:
        model = View
        fields = [
            "id",
            "kind",
            "text",
            "session",
            "organisation",
            "recorded_on",
            "themes",
            "young_people",
            "group",
            "is_anonymous",
            "consent",
            "status",
            "responded_on",
            "fed_back_on",
            "recorded_by",
            "evidence",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Views the user may see", responses=ViewOutput),
    retrieve=extend_schema(summary="One view", responses=ViewOutput),
    create=extend_schema(summary="Record a view", request=ViewInput, responses={201: ViewOutput}),
    partial_update=extend_schema(
        summary="Change a view", request=ViewUpdateInput, responses=ViewOutput
    ),
)
class ViewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """What young people said. Another organisation's views are 404 to a partner worker.

    Quoting or publishing a view needs the matching current consent of the young people named on
    it: without it the request is refused (400) with the message on ``consent`` (or on
    ``young_people`` when only they change). Image evidence is withheld while anyone who gave
    the view lacks a current consent to photographs.
    """

    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_class = ViewFilter
    serializer_class = ViewOutput
    queryset = View.objects.none()

    action_permissions = {
        "list": "voice.view_view",
        "retrieve": "voice.view_view",
        "create": "voice.add_view",
        "partial_update": "voice.change_view",
    }

    def get_queryset(self) -> QuerySet[View]:
        return selectors.views_visible_to(self.request.user).prefetch_related(
            Prefetch("evidence", queryset=selectors.evidence_of_views())
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "create":
            return ViewInput
        if self.action == "partial_update":
            return ViewUpdateInput
        return ViewOutput

    def _out(self, view: View, code: int = status.HTTP_200_OK) -> APIResponse:
        view = selectors.view_get(self.request.user, view.pk)
        return APIResponse(ViewOutput(view).data, status=code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> APIResponse:
        serializer = ViewInput(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        view = services.view_record(actor=request.user, **serializer.validated_data)
        return self._out(view, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> APIResponse:
        view = selectors.view_get(request.user, kwargs["pk"])
        self.check_object_permissions(request, view)
        serializer = ViewUpdateInput(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        view = services.view_update(actor=request.user, view=view, **serializer.validated_data)
        return self._out(view)


# --- Responses and feedback --------------------------------------------------------------------


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


class ResponseOutput(serializers.ModelSerializer):
    views = serializers.SerializerMethodField(help_text="The views it answers that you may see.")
    evidence_link = OptionalLinkField(
        help_text="A link to evidence of what was done; null when there is none."
    )
    reading_age = serializers.SerializerMethodField(
        help_text="Of the plain-language version: Flesch-Kincaid grade plus 5."
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
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_views(self, obj: Response) -> list[int]:
        return [view.pk for view in obj.views.all()]

    def get_reading_age(self, obj: Response) -> float:
        return obj.reading_age

    def get_readability_warning(self, obj: Response) -> str | None:
        return warning_at(obj.reading_age)


@extend_schema_view(
    list=extend_schema(summary="Responses the user may see", responses=ResponseOutput),
    retrieve=extend_schema(summary="One response", responses=ResponseOutput),
    create=extend_schema(
        summary="Respond to open views",
        request=ResponseInput,
        responses={201: ResponseOutput},
    ),
)
class ResponseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """What was done about views. A "not possible" response must give the reason."""

    http_method_names = ["get", "post", "head", "options"]
    filterset_class = ResponseFilter
    serializer_class = ResponseOutput
    queryset = Response.objects.none()

    action_permissions = {
        "list": "voice.view_response",
        "retrieve": "voice.view_response",
        "create": "voice.add_response",
    }

    def get_queryset(self) -> QuerySet[Response]:
        return selectors.responses_visible_to(self.request.user)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return ResponseInput if self.action == "create" else ResponseOutput

    def create(self, request: Request, *args: Any, **kwargs: Any) -> APIResponse:
        serializer = ResponseInput(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        response = services.response_record(actor=request.user, **serializer.validated_data)
        response = selectors.response_get(request.user, response.pk)
        return APIResponse(ResponseOutput(response).data, status=status.HTTP_201_CREATED)


class VisibleResponseField(VisibleField):
    def visible(self, user: Any) -> QuerySet[Response]:
        return selectors.responses_visible_to(user).prefetch_related(None)


class FeedbackInput(serializers.Serializer):
    response = VisibleResponseField(queryset=Response.objects.all())
    date = serializers.DateField()
    channel = serializers.ChoiceField(choices=Feedback.Channel.choices)
    young_people = VisibleYoungPersonField(
        many=True, queryset=YoungPerson.objects.all(), required=False
    )
    groups = VisibleGroupField(many=True, queryset=Group.objects.all(), required=False)
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class FeedbackOutput(serializers.ModelSerializer):
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
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Feedback the user may see", responses=FeedbackOutput),
    create=extend_schema(
        summary="Record feedback on a response",
        request=FeedbackInput,
        responses={201: FeedbackOutput},
    ),
)
class FeedbackViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """A response told to the young people and groups who gave its views."""

    http_method_names = ["get", "post", "head", "options"]
    serializer_class = FeedbackOutput
    queryset = Feedback.objects.none()

    action_permissions = {"list": "voice.view_feedback", "create": "voice.add_feedback"}

    def get_queryset(self) -> QuerySet[Feedback]:
        return selectors.feedback_visible_to(self.request.user)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return FeedbackInput if self.action == "create" else FeedbackOutput

    def create(self, request: Request, *args: Any, **kwargs: Any) -> APIResponse:
        serializer = FeedbackInput(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        feedback = services.feedback_record(actor=request.user, **serializer.validated_data)
        feedback = selectors.feedback_visible_to(request.user).get(pk=feedback.pk)
        return APIResponse(FeedbackOutput(feedback).data, status=status.HTTP_201_CREATED)


# --- Loop figures ------------------------------------------------------------------------------


class RatingCounts(serializers.Serializer):
    helpful = SuppressedCountField()
    not_sure = SuppressedCountField()
    not_helpful = SuppressedCountField()
    total = SuppressedCountField(help_text="Every rating given.")


@extend_schema_field(
    {
        "anyOf": [
            {"type": "number", "minimum": 0, "nullable": True},
            {"type": "string", "enum": [WITHHELD]},
        ],
        "description": 'Days; null when nothing was fed back, "withheld" until 5 or more '
        "views were (for a protected reader: until the protected count of views fed back shows "
        "10 or more).",
    }
)
class MedianField(serializers.Field):  # type: ignore[type-arg]
    def to_representation(self, value: Any) -> Any:
        return value


class LoopFiguresOutput(serializers.Serializer):
    """Exact for a reader who may open every view behind the figures; protected for the others
    (heard.voice.disclosure, ADR 0008): fixed reporting periods only, every count 0, "fewer than
    5" or a multiple of 5 chosen by the cell key method, shares worked out from those."""

    exact = serializers.BooleanField(
        help_text='True: exact figures. False: protected (ADR 0008: 0 exact, 1-4 "fewer than '
        '5", the rest rounded to a multiple of 5 by the cell key method; a fixed reporting '
        "period only: any other period is a 400)."
    )
    start = serializers.DateField(allow_null=True, help_text="The period's first day, if any.")
    end = serializers.DateField(allow_null=True, help_text="The period's last day, if any.")

    views_recorded = SuppressedCountField()
    views_not_responded = SuppressedCountField(help_text="Views still waiting for a response.")
    views_responded_not_fed_back = SuppressedCountField(
        help_text="Views responded to, whose response was not yet fed back."
    )
    views_responded = SuppressedCountField(help_text="Responded to, fed back or not.")
    views_fed_back = SuppressedCountField()
    share_responded = SuppressedShareField()
    share_fed_back = SuppressedShareField()
    median_days_view_to_feedback = MedianField(read_only=True)
    responses = SuppressedCountField()
    not_possible_responses = SuppressedCountField()
    not_possible_with_reason = SuppressedCountField()
    not_possible_with_reason_share = SuppressedShareField(help_text="Must be 1.")
    ratings = RatingCounts()


class LoopFiguresQuery(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    theme = VisibleThemeField(queryset=Theme.objects.all(), required=False)
    group = VisibleGroupField(queryset=Group.objects.all(), required=False)
    organisation = VisibleOrganisationField(queryset=Organisation.objects.all(), required=False)


class OneObjectSchema(AutoSchema):
    """The loop figures are one object, though a viewset's ``list`` action serves them."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False


class LoopFiguresViewSet(viewsets.ViewSet):
    """How well the loop closes: aggregates only, so board members may read them too."""

    schema = OneObjectSchema()

    @extend_schema(
        summary="Loop figures",
        parameters=[
            OpenApiParameter(
                "start",
                str,
                description="Views given on or after (YYYY-MM-DD). For a protected reader "
                "(ADR 0008) the period must be a fixed reporting period (one complete quarter, or "
                "a partnership year from 1 April to the end of one of its complete quarters), "
                "else 400; without one, the year to the last complete quarter.",
            ),
            OpenApiParameter("end", str, description="Views given on or before (YYYY-MM-DD)."),
            OpenApiParameter("theme", int),
            OpenApiParameter("group", int),
            OpenApiParameter("organisation", int),
        ],
        responses=LoopFiguresOutput,
    )
    def list(self, request: Request) -> APIResponse:
        if not can(request.user, "voice.view_loop_figures"):
            return APIResponse(
                {"detail": "You cannot see the loop figures."}, status=status.HTTP_403_FORBIDDEN
            )
        query = LoopFiguresQuery(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        exact = loop_figures_exact_for(request.user)
        params = dict(query.validated_data)
        if not exact:
            # ADR 0008: a protected reader's figures cover a fixed reporting period only.
            today = timezone.localdate()
            if params.get("start") is None and params.get("end") is None:
                params["start"], params["end"] = disclosure.default_period(today)
            elif not disclosure.is_reporting_period(
                params.get("start") or datetime.date.min, params.get("end") or today, today=today
            ):
                return APIResponse(
                    {"start": [disclosure.PERIOD_REFUSED]}, status=status.HTTP_400_BAD_REQUEST
                )
        figures = selectors.loop_figures(user=request.user, cells=not exact, **params)
        shown = loop_figures_shown(figures, exact=exact)
        shown.update(start=params.get("start"), end=params.get("end"))
        return APIResponse(LoopFiguresOutput(shown).data)


def register(router: BaseRouter) -> None:
    router.register("views", ViewViewSet, basename="view")
    router.register("responses", ResponseViewSet, basename="response")
    router.register("feedback", FeedbackViewSet, basename="feedback")
    router.register("loop-figures", LoopFiguresViewSet, basename="loop-figures")
