"""Budget rounds and theme votes over the API: set up, changed, deleted; the results once voting
has closed (with the disclosure policy), the count check, the decision and telling everyone."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common
from heard.api.actions import RecordAction
from heard.api.fields import (
    AgeBandsField,
    AreasField,
    ShownCountField,
    SuppressedCountField,
    VisibleField,
    VisibleGroupField,
    VisibleOrganisationField,
    VisibleThemeField,
    optional_text,
)
from heard.api.openapi import ERROR
from heard.decisions import filters, selectors, services
from heard.decisions.models import Ballot, BudgetRound
from heard.decisions.services.rounds import ROUND_FIELDS
from heard.voice.models import Feedback

NOT_CLOSED = "Results are shown once voting has closed: there is no running tally."


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse({"$ref": f"#/components/schemas/{ERROR}"}, description=description)


# Rounds ------------------------------------------------------------------------------------------


class RoundSerializer(common.OutputSerializer):
    stage = serializers.ChoiceField(choices=BudgetRound.Stage.choices, read_only=True)
    young_people_pot = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    eligible_age_bands = AgeBandsField(read_only=True)
    eligible_areas = AreasField(read_only=True)
    ballot_count = ShownCountField(
        selectors.shown_ballot_count, help_text="Ballots cast (no choices)."
    )
    proposal_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = BudgetRound
        fields = common.output_fields(
            ROUND_FIELDS,
            "decided_on",
            "response",
            "ballot_count",
            "proposal_count",
            kind=["stage"],
            young_people_share=["young_people_pot"],
        )


class RoundInput(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    description = optional_text()
    kind = serializers.ChoiceField(choices=BudgetRound.Kind.choices, required=False)
    organisation = VisibleOrganisationField(required=False, allow_null=True)
    theme = VisibleThemeField(required=False, allow_null=True)
    pot = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    young_people_share = serializers.IntegerField(min_value=0, max_value=100, required=False)
    method = serializers.ChoiceField(choices=BudgetRound.Method.choices, required=False)
    points_per_voter = serializers.IntegerField(
        min_value=1, max_value=100, required=False, allow_null=True
    )
    winners = serializers.IntegerField(min_value=1, max_value=50, required=False, allow_null=True)
    theme_period = serializers.RegexField(
        r"^[0-9]{4}-[0-9]{2}$", max_length=7, required=False, allow_blank=True
    )
    young_people_propose = serializers.BooleanField(required=False)
    proposals_open = serializers.DateField(required=False, allow_null=True)
    opens = serializers.DateField()
    closes = serializers.DateField()
    eligible_groups = VisibleGroupField(many=True, required=False)
    eligible_age_bands = AgeBandsField()
    eligible_areas = AreasField()
    eligible_organisations = VisibleOrganisationField(many=True, required=False)


class DecideInput(serializers.Serializer):  # type: ignore[type-arg]
    chosen = VisibleField(
        selectors.proposals_visible_to,
        many=True,
        help_text="The proposals funded, or the options that won.",
    )
    decision_maker = serializers.CharField(max_length=200)
    explanation = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)
    plain_language = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)
    date = serializers.DateField()
    organisation = VisibleOrganisationField(
        required=False,
        allow_null=True,
        help_text="Whose record the decision is, for a round of the whole partnership.",
    )


class TellInput(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField()
    channel = serializers.ChoiceField(choices=Feedback.Channel.choices, required=False)
    notes = optional_text()


class ResultRowOutput(serializers.Serializer):  # type: ignore[type-arg]
    proposal = serializers.IntegerField(source="proposal.pk")
    title = serializers.CharField(source="proposal.title")
    voters = SuppressedCountField()
    points = SuppressedCountField()


class ResultsOutput(serializers.Serializer):  # type: ignore[type-arg]
    round = serializers.IntegerField(source="round.pk")
    exact = serializers.BooleanField(help_text="False: counts are protected (ADR 0008).")
    ballots = SuppressedCountField()
    eligible = SuppressedCountField()
    turnout = serializers.FloatField(
        allow_null=True, help_text="Percent, for readers who see exact figures."
    )
    rows = ResultRowOutput(many=True)


class OriginCountOutput(serializers.Serializer):  # type: ignore[type-arg]
    origin = serializers.CharField()
    ballots = serializers.IntegerField()
    papers = serializers.IntegerField()


class VerificationOutput(serializers.Serializer):  # type: ignore[type-arg]
    matches = serializers.BooleanField()
    origins = OriginCountOutput(many=True)
    receipts = serializers.ListField(child=serializers.CharField())


class RoundViewSet(common.RecordDeleteViewSet):
    """Participatory budgets and theme votes. Every member of staff reads them (a partner
    worker: the partnership's and their own organisation's); programme staff keep them; the
    participation lead decides them and checks the count."""

    called = "a round"
    summaries = {
        "list": "Budget rounds and theme votes you may see",
        "create": "Set up a round",
        "destroy": "Delete a round nobody has voted in",
    }

    serializer_class = RoundSerializer
    input_serializer = RoundInput
    filterset_class = filters.RoundFilter
    operations = common.Operations(selectors, services, "round", add="create")
    more_permissions = {
        "results": "view",
        "decide": "decide",
        "tell": "decide",
        "verification": "verify",
    }

    def get_queryset(self) -> QuerySet[BudgetRound]:
        return super().get_queryset().prefetch_related("eligible_groups", "eligible_organisations")

    @extend_schema(
        request=None,
        responses={200: ResultsOutput, 400: _error("Voting has not closed yet.")},
        summary="Results, once voting has closed (exact or protected by reader)",
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def results(self, request: Request, pk: str | None = None) -> Response:
        round_ = selectors.round_get(request.user, pk)
        found = selectors.results(request.user, round_)
        if found is None:
            return Response({"detail": NOT_CLOSED}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ResultsOutput(found).data)

    @extend_schema(
        request=None,
        responses=VerificationOutput,
        summary="Check the count: ballots and papers per origin, and the receipt codes",
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def verification(self, request: Request, pk: str | None = None) -> Response:
        round_ = self.to_change()
        check = selectors.verification(round_)
        data = {
            "matches": check.matches,
            "origins": [
                {
                    "origin": origin,
                    "ballots": check.ballots.get(origin, 0),
                    "papers": check.papers.get(origin, 0),
                }
                for origin in Ballot.Origin.values
            ],
            "receipts": check.receipts,
        }
        return Response(VerificationOutput(data).data)

    decide = RecordAction(
        services.round_decide,
        DecideInput,
        shows_record=True,
        summary="Record the decision",
    )
    tell = RecordAction(
        services.round_tell,
        TellInput,
        shows_record=True,
        summary="Record that everyone who voted or proposed was told",
    )
