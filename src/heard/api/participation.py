"""The participation log over the API: sessions with their attendance, and the home page counts."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common
from heard.api.fields import (
    BulkRelatedField,
    IdField,
    SuppressedCountField,
    VisibleGroupField,
    VisibleSessionField,
    VisibleThemeField,
    VisibleYoungPersonField,
)
from heard.api.openapi import OneObjectSchema
from heard.core.roles import AgeBand, HearByRightStandard
from heard.groups.models import Group, Theme
from heard.indicators import selectors as indicator_selectors
from heard.indicators.disclosure import home_counts_shown
from heard.participation import selectors, services
from heard.participation.filters import HeadcountFilter, SessionFilter
from heard.participation.headcounts import NOT_NEGATIVE, WHOLE_NUMBER, Headcount
from heard.participation.models import (
    Attendance,
    Degree,
    Method,
    ParticipationType,
    Session,
    Standard,
)
from heard.participation.services.checks import AUDITED
from heard.people.models import Organisation, User, YoungPerson


class AttendeeListInput(serializers.ListSerializer):
    """The attendees' young people from one query: a related field on each attendee would ask
    the database once for each of them."""

    def to_internal_value(self, data: Any) -> list[dict[str, Any]]:
        items = super().to_internal_value(data)
        field = VisibleYoungPersonField(queryset=YoungPerson.objects.all())
        field.bind("young_person", self)
        queryset = field.get_queryset()
        found = queryset.in_bulk({item["young_person"] for item in items}) if items else {}
        message = field.error_messages["does_not_exist"]
        errors = [
            {}
            if item["young_person"] in found
            else {"young_person": [message.format(pk_value=item["young_person"])]}
            for item in items
        ]
        if any(errors):
            raise serializers.ValidationError(errors)
        return [{**item, "young_person": found[item["young_person"]]} for item in items]


class AttendeeInput(serializers.Serializer):
    young_person = IdField(help_text="The id of a young person the user may see.")
    status = serializers.ChoiceField(
        choices=Attendance.Status.choices, default=Attendance.Status.ATTENDED
    )

    class Meta:
        list_serializer_class = AttendeeListInput


ORGANISATION_IS_SET_WHEN_LOGGED = (
    "A session's organisation is set when it is logged (from its group or young person); "
    "log a new session for another organisation."
)


class SessionInput(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=Session.Kind.choices)
    degree = serializers.ChoiceField(choices=Degree.choices)
    participation_type = serializers.ChoiceField(choices=ParticipationType.choices)
    group = VisibleGroupField(queryset=Group.objects.all(), required=False, allow_null=True)
    young_person = VisibleYoungPersonField(
        queryset=YoungPerson.objects.all(), required=False, allow_null=True
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="For a session with no group or young person: the organisation whose it is.",
    )
    other_groups = VisibleGroupField(
        many=True,
        queryset=Group.objects.all(),
        required=False,
        help_text="A session with several groups: the groups besides its group.",
    )
    is_open = serializers.BooleanField(
        required=False,
        help_text="Open to all (an event, a consultation, a Takeover Day): no group or young "
        "person, attendees from anywhere on the register.",
    )
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    staff_present = BulkRelatedField(
        many=True, queryset=User.objects.filter(is_active=True).exclude(role=""), required=False
    )
    partner_staff_present = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    attendees = AttendeeInput(many=True, required=False)
    methods = BulkRelatedField(many=True, queryset=Method.objects.all(), required=False)
    standards = serializers.ListField(
        child=serializers.ChoiceField(choices=HearByRightStandard.choices), required=False
    )
    themes = VisibleThemeField(many=True, queryset=Theme.objects.all(), required=False)
    notes = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    monitoring_form_complete = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # The service takes each attendee as (young person, status). A PATCH skips the nested
        # default: an attendee without a status attended, as when the session is logged.
        if "attendees" in attrs:
            attended = Attendance.Status.ATTENDED
            attrs["attendees"] = [
                (attendee["young_person"], attendee.get("status", attended))
                for attendee in attrs["attendees"]
            ]
        return attrs


class AttendanceOutput(serializers.ModelSerializer):
    reference = serializers.CharField(source="young_person.reference", read_only=True)

    class Meta:
        model = Attendance
        fields = ["young_person", "reference", "status"]


class SessionOutput(common.OutputSerializer):
    attendee_count = serializers.IntegerField(read_only=True, help_text="How many attended.")
    standards: serializers.SlugRelatedField[Standard] = serializers.SlugRelatedField(
        many=True, slug_field="code", read_only=True
    )

    class Meta:
        model = Session
        # A session's other groups are in its detail: the list reads no link table more.
        fields = [
            "id",
            *(name for name in AUDITED if name != "other_groups"),
            "logged_by",
            "attendee_count",
            *common.STAMPS,
        ]


class SessionHeadcountOutput(serializers.ModelSerializer):
    class Meta:
        model = Headcount
        fields = ["id", "age_band", "count", "organisation", "school"]


class SessionDetailOutput(SessionOutput):
    attendances = AttendanceOutput(many=True, read_only=True)
    headcounts = SessionHeadcountOutput(
        many=True,
        read_only=True,
        help_text="Young people not on the register, counted by age band (/api/v1/headcounts/).",
    )

    class Meta(SessionOutput.Meta):
        fields = [*SessionOutput.Meta.fields, "other_groups", "attendances", "headcounts"]


class HeadcountInput(serializers.Serializer):
    session = VisibleSessionField(queryset=Session.objects.all())
    age_band = serializers.ChoiceField(choices=AgeBand.choices)
    count = serializers.IntegerField(
        min_value=0,
        max_value=1_000_000,
        error_messages={"invalid": WHOLE_NUMBER, "min_value": NOT_NEGATIVE},
        help_text="Young people in this age band who are not on the register.",
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, allow_null=True
    )
    school = serializers.CharField(max_length=200, required=False, allow_blank=True)


class HeadcountOutput(common.OutputSerializer):
    class Meta:
        model = Headcount
        fields = ["id", "session", "age_band", "count", "organisation", "school"]


class HomeCountsOutput(serializers.Serializer):
    """Counts of children are exact for a reader who may open every record behind them, else
    protected for a fixed period (heard.indicators.disclosure, ADR 0008); counts of staff work
    (sessions, overdue visits, monitoring forms) are plain numbers."""

    active_young_people = SuppressedCountField(
        help_text="Young people who took part actively from active_from to active_to."
    )
    active_via_buddy_groups = SuppressedCountField(
        help_text="Of them, those who did in a Buddy Group."
    )
    protected = serializers.BooleanField(
        help_text="True: the counts of young people are protected (ADR 0008: 0 exact, 1-4 "
        '"fewer than 5", the rest rounded to a multiple of 5 by the cell key method, for a fixed '
        "period); False: exact (a reader who may open every record behind them)."
    )
    active_from = serializers.DateField(help_text="1 April of the partnership year.")
    active_to = serializers.DateField(
        help_text="Today when the counts are exact; for a protected reader, the end of the last "
        "complete quarter (the whole of last year while this one has none)."
    )
    sessions_this_quarter = serializers.IntegerField()
    overdue_visits = serializers.IntegerField()
    incomplete_monitoring_forms = serializers.IntegerField()


class SessionViewSet(common.RecordViewSet):
    """The participation log. Another organisation's sessions are 404 to a partner worker."""

    called = "a session"
    summaries = {
        "list": "Sessions the user may see",
        "retrieve": "One session with attendance",
        "create": "Log a session",
    }

    filterset_class = SessionFilter
    serializer_class = SessionOutput
    input_serializer = SessionInput
    output_serializer = SessionDetailOutput
    operations = common.Operations(selectors, services, "session", add="log")

    def get_queryset(self) -> QuerySet[Session]:
        if self.action == "list":
            return selectors.sessions_visible_to(self.request.user)
        return selectors.session_details_visible_to(self.request.user)

    def change(self, session: Session, values: dict[str, Any]) -> Session:
        if "organisation" in values:  # it follows from the group or young person, or the log
            raise serializers.ValidationError({"organisation": ORGANISATION_IS_SET_WHEN_LOGGED})
        return super().change(session, values)


class HeadcountViewSet(common.ReadCreateDeleteViewSet):
    """Young people not on the register who took part in a session, by age band (and school or
    organisation where known): they count towards who took part, never anyone's journey. Adding
    or removing one needs the right to change its session."""

    called = "a headcount"
    summaries = {
        "list": "Headcounts of the sessions the user may see",
        "create": "Count young people not on the register at a session",
        "destroy": "Remove a headcount from its session",
    }

    serializer_class = HeadcountOutput
    input_serializer = HeadcountInput
    filterset_class = HeadcountFilter
    operations = common.Operations(selectors, services, "headcount")
    action_permissions = {
        "list": "participation.view_session",
        "retrieve": "participation.view_session",
        "create": "participation.change_session",
        "destroy": "participation.change_session",
    }

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        headcount = selectors.headcount_get(request.user, kwargs["pk"])
        services.headcount_remove(actor=self.actor, headcount=headcount)
        return Response(status=status.HTTP_204_NO_CONTENT)


class HomeCountsViewSet(viewsets.ViewSet):
    """The home page figures for the signed-in user (board members too: they are aggregates)."""

    schema = OneObjectSchema()

    @extend_schema(responses=HomeCountsOutput, summary="Home page counts")
    def list(self, request: Request) -> Response:
        today = timezone.localdate()
        counts = indicator_selectors.home_counts(user=request.user, today=today)
        return Response(
            HomeCountsOutput(home_counts_shown(counts, user=request.user, today=today)).data
        )
