"""Provision reviews over the API: reviews by young people, their recommendations, the
provider's response to each and the revisit (M11)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from heard.api import common
from heard.api.actions import RecordAction
from heard.api.audits.audits import YoungPersonField
from heard.api.fields import (
    BulkRelatedField,
    VisibleField,
    YoungPeopleIdsField,
    blank_or,
    optional_text,
)
from heard.audits import filters, selectors, services
from heard.audits.models import ProvisionReview, Recommendation
from heard.people.models import Organisation

# Provision reviews and their recommendations ------------------------------------------------------


class RecommendationSerializer(common.OutputSerializer):
    provider = serializers.IntegerField(source="review.provider_id", read_only=True)
    outcome = blank_or(
        Recommendation.Outcome.choices, help_text="Empty until checked at the revisit."
    )

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "review",
            "provider",
            "text",
            "response",
            "responded_at",
            "responded_by",
            "outcome",
            "outcome_note",
            *common.STAMPS,
        ]


class ProvisionReviewSerializer(common.OutputSerializer):
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    recommendation_count = serializers.IntegerField(read_only=True)
    not_acted_on_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ProvisionReview
        fields = [
            "id",
            "provider",
            "provider_name",
            "service",
            "visit_date",
            "findings",
            "revisit_date",
            "notes",
            "recommendation_count",
            "not_acted_on_count",
            *common.STAMPS,
        ]


class ProvisionReviewDetailSerializer(ProvisionReviewSerializer):
    recommendations = RecommendationSerializer(many=True, read_only=True)
    reviewers = YoungPeopleIdsField(
        "audits.view_young_people_provisionreview",
        help_text="Ids of the young reviewers; null for roles that do not see young people.",
    )

    class Meta(ProvisionReviewSerializer.Meta):
        fields = [
            f
            for f in ProvisionReviewSerializer.Meta.fields
            if f not in ("recommendation_count", "not_acted_on_count")
        ] + ["recommendations", "reviewers"]


class ProvisionReviewInput(serializers.Serializer):  # type: ignore[type-arg]
    provider = BulkRelatedField(queryset=Organisation.objects.all())
    service = serializers.CharField(max_length=200, required=False, allow_blank=True)
    visit_date = serializers.DateField()
    reviewers = YoungPersonField(many=True, required=False)
    findings = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)
    revisit_date = serializers.DateField(required=False, allow_null=True)
    notes = optional_text()
    recommendations = serializers.ListField(
        child=serializers.CharField(max_length=common.TEXT_MAX_LENGTH),
        required=False,
        help_text="Only when recording: each becomes its own recommendation.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.partial and "recommendations" in attrs:
            raise serializers.ValidationError(
                {"recommendations": "Add a recommendation with POST /recommendations/."}
            )
        return attrs


class ReviewViewSet(common.RecordDeleteViewSet):
    """Provision reviews by young people. A partner worker sees the reviews of their own
    organisation only; board members read every review."""

    serializer_class = ProvisionReviewSerializer
    output_serializer = ProvisionReviewDetailSerializer
    input_serializer = ProvisionReviewInput
    filterset_class = filters.ReviewFilter
    operations = common.Operations(selectors, services, "review", add="record")


class ReviewField(VisibleField):
    selector = staticmethod(selectors.reviews_visible_to)
    none_without_request = True


class RecommendationInput(serializers.Serializer):  # type: ignore[type-arg]
    review = ReviewField()
    text = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)


class RecommendationChange(serializers.Serializer):  # type: ignore[type-arg]
    text = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)


class RecommendationResponseInput(serializers.Serializer):  # type: ignore[type-arg]
    response = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)


class RecommendationRevisitInput(serializers.Serializer):  # type: ignore[type-arg]
    outcome = serializers.ChoiceField(choices=Recommendation.Outcome.choices)
    outcome_note = optional_text()


class RecommendationViewSet(common.RecordViewSet):
    """Recommendations of provision reviews. Programme staff add and change them and record the
    revisit (``revisit``); the provider's own partner workers, and nobody else, ``respond``.
    Filter ``outcome=not_acted_on`` for those to report."""

    serializer_class = RecommendationSerializer
    input_serializer = RecommendationInput
    change_serializer = RecommendationChange
    filterset_class = filters.RecommendationFilter
    operations = common.Operations(selectors, services, "recommendation")
    more_permissions = {
        "create": "audits.add_provisionreview",
        "respond": "respond",
        "revisit": "change",
    }

    respond = RecordAction(
        services.recommendation_respond,
        RecommendationResponseInput,
        doc="The provider's response (its own partner workers only).",
    )
    revisit = RecordAction(
        services.recommendation_check,
        RecommendationRevisitInput,
        doc="At the revisit: whether it was acted on, with a note.",
    )
