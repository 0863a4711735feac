"""Proposals and ballots over the API: ideas put to a round, and who voted (never what they
chose; staff enter paper ballots)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common
from heard.api.actions import RecordAction
from heard.api.fields import VisibleField, VisibleGroupField, VisibleYoungPersonField
from heard.decisions import filters, selectors, services
from heard.decisions.models import Ballot, Proposal
from heard.decisions.services.proposals import DESCRIPTION_MAX_LENGTH, PROPOSAL_FIELDS

# Proposals ---------------------------------------------------------------------------------------


class ProposalSerializer(common.OutputSerializer):
    class Meta:
        model = Proposal
        fields = [
            "id",
            "round",
            *PROPOSAL_FIELDS,
            "chosen",
            "theme",
            *common.STAMPS,
        ]


class ProposalInput(serializers.Serializer):  # type: ignore[type-arg]
    round = VisibleField(selectors.rounds_visible_to)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH)
    cost = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    status = serializers.ChoiceField(
        choices=[Proposal.Status.PROPOSED, Proposal.Status.SHORTLISTED], required=False
    )
    proposed_by_young_person = VisibleYoungPersonField(required=False, allow_null=True)
    proposed_by_group = VisibleGroupField(required=False, allow_null=True)


class ProposalChange(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH, required=False)
    cost = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    status = serializers.ChoiceField(
        choices=[Proposal.Status.PROPOSED, Proposal.Status.SHORTLISTED], required=False
    )


class ProposalViewSet(common.RecordViewSet):
    called = "a proposal"
    summaries = {
        "list": "Proposals of the rounds you may see",
        "create": "Add a proposal (before voting starts)",
    }

    serializer_class = ProposalSerializer
    input_serializer = ProposalInput
    change_serializer = ProposalChange
    more_permissions = {"withdraw": "change"}
    operations = common.Operations(selectors, services, "proposal")

    withdraw = RecordAction(services.proposal_withdraw, summary="Withdraw a proposal")


# Ballots -----------------------------------------------------------------------------------------


class BallotSerializer(common.OutputSerializer):
    class Meta:
        model = Ballot
        fields = [
            "id",
            "round",
            "young_person",
            "young_person_reference",
            "cast_at",
            "origin",
            "entered_by",
        ]


class CastOutput(BallotSerializer):
    receipt = serializers.CharField(
        read_only=True, help_text="The paper's receipt code: give it to the young person."
    )

    class Meta(BallotSerializer.Meta):
        fields = [*BallotSerializer.Meta.fields, "receipt"]


class ChoiceInput(serializers.Serializer):  # type: ignore[type-arg]
    proposal = serializers.IntegerField(min_value=1)
    points = serializers.IntegerField(min_value=0, max_value=100, required=False, default=1)


class BallotInput(serializers.Serializer):  # type: ignore[type-arg]
    round = VisibleField(selectors.rounds_visible_to)
    young_person = VisibleYoungPersonField()
    choices = ChoiceInput(
        many=True,
        help_text="One vote each: one proposal (points 1). Points: whole points per proposal.",
    )


@extend_schema_view(
    create=extend_schema(summary="Enter a paper ballot", responses={201: CastOutput}),
)
class BallotViewSet(common.ReadCreateViewSet):
    summaries = {
        "list": "Who has voted (never what they chose)",
        "retrieve": "One ballot (who, when, how)",
    }

    serializer_class = BallotSerializer
    input_serializer = BallotInput
    filterset_class = filters.BallotFilter
    visible = staticmethod(selectors.ballots_visible_to)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        values = self.validated()
        choices = {row["proposal"]: row["points"] for row in values.pop("choices")}
        cast = services.ballot_enter(actor=self.actor, choices=choices, **values)
        data = dict(BallotSerializer(cast.ballot).data)
        data["receipt"] = cast.receipt
        return Response(data, status=status.HTTP_201_CREATED)
