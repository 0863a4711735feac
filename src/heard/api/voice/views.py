"""Views and their evidence over the API, with the pages' permissions."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response as APIResponse

from heard.api.fields import (
    VisibleGroupField,
    VisibleOrganisationField,
    VisibleSessionField,
    VisibleThemeField,
    VisibleYoungPersonField,
)
from heard.groups.models import Group, Theme
from heard.participation.models import Session
from heard.people.models import Organisation, YoungPerson
from heard.voice import selectors, services
from heard.voice.consents import withheld_message
from heard.voice.filters import ViewFilter
from heard.voice.models import Evidence, View


class _ViewFields(serializers.Serializer):
    """What a view says about itself, for recording and changing it alike."""

    kind = serializers.ChoiceField(choices=View.Kind.choices, required=False)
    themes = VisibleThemeField(many=True, queryset=Theme.objects.all(), required=False)
    young_people = VisibleYoungPersonField(
        many=True, queryset=YoungPerson.objects.all(), required=False
    )
    group = VisibleGroupField(queryset=Group.objects.all(), required=False, allow_null=True)
    is_anonymous = serializers.BooleanField(required=False)
    consent = serializers.ChoiceField(choices=View.Consent.choices, required=False)


class ViewInput(_ViewFields):
    text = serializers.CharField(max_length=10_000)
    session = VisibleSessionField(queryset=Session.objects.all(), required=False, allow_null=True)
    organisation = VisibleOrganisationField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Needed only without a session (it is the session's otherwise).",
    )
    recorded_on = serializers.DateField(required=False, allow_null=True)


class ViewUpdateInput(_ViewFields):
    text = serializers.CharField(max_length=10_000, required=False)
    recorded_on = serializers.DateField(required=False)


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
