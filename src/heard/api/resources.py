"""The resources library over the API: toolkits, session plans, case studies, good practice and
templates with their tags and links (files are uploaded on the resource's page and downloaded
through ``download_url``), and the resources each session used."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from heard.api import common
from heard.api.fields import (
    AgeBandsField,
    BulkRelatedField,
    VisibleField,
    VisibleSessionField,
    VisibleThemeField,
)
from heard.participation.models import Method
from heard.resources import filters, selectors, services
from heard.resources.models import Resource, SessionResource
from heard.resources.services.resources import RESOURCE_FIELDS

# Resources ---------------------------------------------------------------------------------------


class ResourceSerializer(common.OutputSerializer):
    age_bands = AgeBandsField(read_only=True)
    download_url = serializers.SerializerMethodField(
        help_text="Where the file is downloaded (signed in), or null without a file."
    )
    use_count = serializers.IntegerField(read_only=True, help_text="Sessions that used it.")

    class Meta:
        model = Resource
        fields = [
            "id",
            *common.fields_with(RESOURCE_FIELDS, age_bands=["link"], size=["download_url"]),
            "use_count",
            *common.STAMPS,
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_download_url(self, resource: Resource) -> str | None:
        if not resource.file:
            return None
        return reverse("resources:resource-download", args=[resource.pk])


class ResourceInput(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Resource.Kind.choices)
    summary = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)
    organisation = VisibleField(
        selectors.organisations_for_resources,
        required=False,
        allow_null=True,
        help_text="Empty for the partnership's own.",
    )
    themes = VisibleThemeField(many=True, required=False)
    methods = BulkRelatedField(queryset=Method.objects.all(), many=True, required=False)
    age_bands = AgeBandsField()
    link = serializers.CharField(
        max_length=500, required=False, allow_blank=True, help_text="An http(s) address."
    )
    published = serializers.BooleanField(required=False)


class ResourceViewSet(common.RecordDeleteViewSet):
    """The library: search (title, summary), filter by kind, theme, method and age band."""

    called = "a resource"
    summaries = {
        "list": "Resources in the library you may read",
        "create": "Add a resource with a link",
    }

    serializer_class = ResourceSerializer
    input_serializer = ResourceInput
    filterset_class = filters.ResourceFilter
    operations = common.Operations(selectors, services, "resource")


# The resources sessions used ---------------------------------------------------------------------


class SessionResourceSerializer(common.OutputSerializer):
    resource_title = serializers.CharField(source="resource.title", read_only=True)

    class Meta:
        model = SessionResource
        fields = ["id", "session", "resource", "resource_title", "created_at"]


class SessionResourceInput(serializers.Serializer):  # type: ignore[type-arg]
    session = VisibleSessionField(help_text="A session you may change.")
    resource = VisibleField(selectors.resources_visible_to, help_text="A resource you may read.")


class SessionResourceViewSet(common.ReadCreateDeleteViewSet):
    """Which resources each session used: whoever may change the session records them."""

    summaries = {
        "list": "Resources used in the sessions you may read",
        "retrieve": "One resource used in a session",
        "create": "Record a resource a session used",
        "destroy": "Remove a resource from a session",
    }

    serializer_class = SessionResourceSerializer
    input_serializer = SessionResourceInput
    one = staticmethod(selectors.session_use_get)
    adds = staticmethod(services.session_resource_add)
    removes = staticmethod(services.session_resource_remove)
    record_name = "use"

    def get_queryset(self) -> QuerySet[SessionResource]:
        return (
            selectors.SESSION_RESOURCES.scope(self.request.user, "view")
            .select_related("resource")
            .order_by("-id")
        )
