"""Opportunities over the API: opportunities to get involved (programme staff; a partner worker
their own organisation's; theme leads, safeguarding leads and board members read), their
sign-ups (made and withdrawn by staff; young people sign up in the portal), and turning the
sign-ups of those who came into attendance at a participation session."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common
from heard.api.actions import RecordAction
from heard.api.fields import (
    AgeBandsField,
    AreasField,
    BulkRelatedField,
    VisibleField,
    VisibleSessionField,
    VisibleYoungPersonField,
    optional_text,
)
from heard.groups.models import Group
from heard.opportunities import filters, selectors, services
from heard.opportunities.models import Opportunity, SignUp
from heard.opportunities.services.opportunities import OPPORTUNITY_FIELDS
from heard.opportunities.services.sign_ups import SIGN_UP_FIELDS
from heard.participation.models import Degree, ParticipationType, Session

# Opportunities -----------------------------------------------------------------------------------


class OpportunitySerializer(common.OutputSerializer):
    age_bands = AgeBandsField(read_only=True)
    areas = AreasField(read_only=True)
    taken = serializers.IntegerField(
        read_only=True, help_text="Places taken: sign-ups not withdrawn."
    )

    class Meta:
        model = Opportunity
        fields = common.output_fields(OPPORTUNITY_FIELDS, places=["taken"])


class OpportunityInput(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Opportunity.Kind.choices)
    description = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)
    organisation = VisibleField(selectors.organisations_for_opportunities)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    closes_on = serializers.DateField(help_text="The last day to sign up.")
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online = serializers.BooleanField(required=False)
    accessibility = optional_text()
    places = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    age_bands = AgeBandsField(help_text="Empty: every age.")
    groups = BulkRelatedField(
        queryset=Group.objects.all(), many=True, required=False, help_text="Empty: everyone."
    )
    areas = AreasField(help_text="Where young people live. Empty: everywhere.")
    status = serializers.ChoiceField(choices=Opportunity.Status.choices, required=False)


# Sign-ups ----------------------------------------------------------------------------------------


class SignUpSerializer(common.OutputSerializer):
    opportunity_title = serializers.CharField(source="opportunity.title", read_only=True)

    class Meta:
        model = SignUp
        fields = common.output_fields(
            SIGN_UP_FIELDS, opportunity=["opportunity_title"], young_person=["signed_up_at"]
        )


class SignUpInput(serializers.Serializer):  # type: ignore[type-arg]
    opportunity = VisibleField(
        selectors.opportunities_visible_to, help_text="An opportunity you may read."
    )
    young_person = VisibleYoungPersonField(help_text="A young person you may see.")


class OpportunityNewSessionInput(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=Session.Kind.choices)
    degree = serializers.ChoiceField(choices=Degree.choices)
    participation_type = serializers.ChoiceField(choices=ParticipationType.choices)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)


class OpportunityAttendanceInput(serializers.Serializer):  # type: ignore[type-arg]
    sign_ups = VisibleField(
        selectors.sign_ups_visible_to,
        many=True,
        help_text="The sign-ups of the young people who came (signed up, not yet attended).",
    )
    session = VisibleSessionField(
        required=False, allow_null=True, help_text="An existing session to add them to."
    )
    new_session = OpportunityNewSessionInput(
        required=False,
        allow_null=True,
        help_text="Or a new session, logged open to all for the opportunity's organisation.",
    )


class OpportunityAttendanceOutput(serializers.Serializer):  # type: ignore[type-arg]
    session = serializers.IntegerField(help_text="The session they attended.")
    sign_ups = SignUpSerializer(many=True)


class SignUpViewSet(common.ReadCreateViewSet):
    """Young people's sign-ups to opportunities. Staff sign up young people they can see and
    withdraw sign-ups; young people sign up themselves in the portal."""

    called = "a sign-up"
    summaries = {
        "list": "Sign-ups you may read",
        "create": "Sign up a young person",
    }

    serializer_class = SignUpSerializer
    input_serializer = SignUpInput
    filterset_class = filters.SignUpFilter
    operations = common.Operations(selectors, services, "sign_up")
    more_permissions = {"withdraw": "change"}

    withdraw = RecordAction(services.sign_up_withdraw, summary="Withdraw a sign-up")


# Opportunities, with their attendance action ------------------------------------------------


class OpportunityViewSet(common.RecordDeleteViewSet):
    """Opportunities to get involved: panels, events, focus groups, media work and training,
    who they suit, when and where, their accessibility, closing date and places."""

    called = "an opportunity"
    summaries = {
        "list": "Opportunities you may read",
        "create": "Add an opportunity",
        "destroy": "Delete an opportunity and its sign-ups",
    }

    serializer_class = OpportunitySerializer
    input_serializer = OpportunityInput
    filterset_class = filters.OpportunityFilter
    operations = common.Operations(selectors, services, "opportunity")
    more_permissions = {"attendance": "opportunities.change_signup"}

    def get_queryset(self) -> QuerySet[Opportunity]:
        return super().get_queryset().prefetch_related("groups")

    @extend_schema(
        request=OpportunityAttendanceInput,
        responses=OpportunityAttendanceOutput,
        summary="Turn sign-ups into attendance at a session",
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        opportunity = selectors.opportunity_get(request.user, pk)
        values = self.validated(OpportunityAttendanceInput)
        session = services.sign_ups_attend(actor=self.actor, opportunity=opportunity, **values)
        rows = selectors.opportunity_sign_ups(request.user, opportunity).filter(session=session)
        data = {"session": session.pk, "sign_ups": SignUpSerializer(rows, many=True).data}
        return Response(data)
