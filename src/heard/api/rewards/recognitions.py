"""Recognitions given to young people, and session hours with their defaults per kind, over the
API."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import serializers

from heard.api import common
from heard.api.fields import (
    VisibleField,
    VisibleSessionField,
    VisibleYoungPersonField,
    optional_text,
)
from heard.participation.models import Session
from heard.rewards import filters, selectors, services
from heard.rewards.models import HoursDefault, Recognition, SessionHours
from heard.rewards.policies import SESSION_HOURS
from heard.rewards.services.recognitions import RECOGNITION_FIELDS


class OrganisationField(VisibleField):
    """An organisation the user may give, claim or invoice for (a partner worker: their own)."""

    selector = staticmethod(selectors.organisations_for)


# Recognitions -----------------------------------------------------------------------------------


class RecognitionSerializer(common.OutputSerializer):
    class Meta:
        model = Recognition
        fields = common.output_fields(RECOGNITION_FIELDS)


class RecognitionInput(serializers.Serializer):  # type: ignore[type-arg]
    young_person = VisibleYoungPersonField(help_text="A young person you may see.")
    kind = serializers.ChoiceField(choices=Recognition.Kind.choices)
    title = serializers.CharField(max_length=200)
    date = serializers.DateField()
    organisation = OrganisationField()
    accreditation_body = serializers.CharField(max_length=200, required=False, allow_blank=True)
    accreditation_level = serializers.CharField(max_length=100, required=False, allow_blank=True)
    voucher_value = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True
    )
    voucher_supplier = serializers.CharField(max_length=200, required=False, allow_blank=True)
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True
    )
    details = optional_text()


class RecognitionViewSet(common.RecordDeleteViewSet):
    """Certificates, accreditations, vouchers and volunteering hours given to young people.
    Read by whoever may see the young person; given by programme staff and partner workers
    (their own organisation's young people)."""

    called = "a recognition"
    summaries = {
        "list": "Recognitions you may read",
        "create": "Give a young person a recognition",
    }

    serializer_class = RecognitionSerializer
    input_serializer = RecognitionInput
    filterset_class = filters.RecognitionFilter
    operations = common.Operations(selectors, services, "recognition", add="give")


# Session hours and defaults ---------------------------------------------------------------------


class SessionHoursSerializer(common.OutputSerializer):
    class Meta:
        model = SessionHours
        fields = ["id", "session", "hours", *common.STAMPS]


class SessionHoursInput(serializers.Serializer):  # type: ignore[type-arg]
    session = VisibleSessionField(help_text="A session you may see.")
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)


# Hours listed and set: a create sets them (or changes those there are), so it asks the model's
# change permission.
class _HoursSetViewSet(common.ListCreateViewSet):
    more_permissions = {"create": "change"}


class SessionHoursViewSet(_HoursSetViewSet):
    """How long sessions count for in attendees' volunteering hours (a session without its own
    counts for its kind's default). Set by programme staff."""

    summaries = {
        "list": "Hours set for sessions you may read",
        "create": "Set (or change) how many hours a session counts for",
    }

    serializer_class = SessionHoursSerializer
    input_serializer = SessionHoursInput
    adds = staticmethod(services.session_hours_set)

    def get_queryset(self) -> QuerySet[SessionHours]:
        return SESSION_HOURS.scope(self.request.user, "view").select_related("session")


class HoursDefaultSerializer(common.OutputSerializer):
    class Meta:
        model = HoursDefault
        fields = ["id", "session_kind", "hours", *common.STAMPS]


class HoursDefaultInput(serializers.Serializer):  # type: ignore[type-arg]
    session_kind = serializers.ChoiceField(choices=Session.Kind.choices)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)


class HoursDefaultViewSet(_HoursSetViewSet):
    """The hours a session of each kind counts for by default: set by a participation lead."""

    summaries = {
        "list": "Default hours per kind of session",
        "create": "Set (or change) the default hours of a kind of session",
    }

    serializer_class = HoursDefaultSerializer
    input_serializer = HoursDefaultInput
    adds = staticmethod(services.hours_default_set)

    def get_queryset(self) -> QuerySet[HoursDefault]:
        return HoursDefault.objects.order_by("session_kind")
