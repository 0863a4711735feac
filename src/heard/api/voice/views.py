"""Views and their evidence over the API, with the pages' permissions."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from rest_framework import serializers

from heard.api import common
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
from heard.voice.services.views import VIEW_FIELDS


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


#: What an image that must not be shown says instead.
WITHHOLDING = ("withheld", "withheld_reason", "download")
#: Where a view came from and what it is about, besides what was said (``VIEW_FIELDS``).
SOURCES = ("session", "organisation", "themes", "young_people")
#: How far the loop has closed on a view: moved by its responses and feedback, not by a change.
LOOP = ("status", "responded_on", "fed_back_on")


class EvidenceOutput(common.OutputSerializer):
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
        fields = ["id", "kind", "content_type", "size", "description", *WITHHOLDING, "created_at"]

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


class ViewOutput(common.OutputSerializer):
    evidence = EvidenceOutput(many=True, read_only=True)

    class Meta:
        model = View
        fields = common.output_fields(VIEW_FIELDS, *SOURCES, *LOOP, "recorded_by", "evidence")


class ViewViewSet(common.RecordViewSet):
    """What young people said. Another organisation's views are 404 to a partner worker.

    Quoting or publishing a view needs the matching current consent of the young people named on
    it: without it the request is refused (400) with the message on ``consent`` (or on
    ``young_people`` when only they change). Image evidence is withheld while anyone who gave
    the view lacks a current consent to photographs.
    """

    called = "a view"
    summaries = {
        "list": "Views the user may see",
        "create": "Record a view",
    }

    filterset_class = ViewFilter
    serializer_class = ViewOutput
    input_serializer = ViewInput
    change_serializer = ViewUpdateInput
    operations = common.Operations(selectors, services, "view", add="record")

    def get_queryset(self) -> QuerySet[View]:
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("evidence", queryset=selectors.evidence_of_views()))
        )
