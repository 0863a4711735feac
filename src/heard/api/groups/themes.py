"""The themes API: themes and their quarterly reviews (M3)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common
from heard.api.fields import ActiveStaffField, optional_text
from heard.groups import filters, selectors, services
from heard.groups.models import Theme, ThemeReview
from heard.groups.services.themes import REVIEW_FIELDS

#: A theme's period, as the model checks it (the service also checks that it spans one year).
PERIOD_PATTERN = r"^[0-9]{4}-[0-9]{2}$"


#: What ``selectors.with_group_counts`` adds to each theme shown.
GROUP_COUNTS = ("group_count", "established_group_count")


class ThemeSerializer(common.OutputSerializer):
    lead_name = serializers.CharField(source="lead.full_name", read_only=True, allow_null=True)
    group_count = serializers.IntegerField(read_only=True)
    established_group_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Theme
        fields = common.output_fields(services.THEME_FIELDS, "lead_name", *GROUP_COUNTS)


class ThemeInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    period = serializers.RegexField(
        PERIOD_PATTERN,
        max_length=7,
        error_messages={"invalid": "Enter the period as a year span, like 2025-26."},
        help_text="The partnership year, like 2026-27: a year and the next one's last two digits.",
    )
    lead = ActiveStaffField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Theme.Status.choices, required=False)
    description = optional_text()


class ThemeReviewSerializer(common.OutputSerializer):
    reviewed_by_name = serializers.CharField(
        source="reviewed_by.full_name", read_only=True, allow_null=True
    )

    class Meta:
        model = ThemeReview
        fields = ["id", *REVIEW_FIELDS, "reviewed_by", "reviewed_by_name", "created_at"]


class ThemeReviewInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField()
    summary = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)
    decision = serializers.ChoiceField(choices=ThemeReview.Decision.choices)


class ThemeViewSet(common.RecordViewSet):
    """Themes (Spotlight areas) with their leads, periods and counts of linked groups."""

    serializer_class = ThemeSerializer
    input_serializer = ThemeInputSerializer
    filterset_class = filters.ThemeFilter
    operations = common.Operations(selectors, services, "theme", add="create")
    more_permissions = {
        "reviews": {"GET": "groups.view_themereview", "POST": "groups.add_themereview"}
    }

    def get_queryset(self) -> Any:
        return super().get_queryset().order_by("-period", "title", "pk")

    def paginate_queryset(self, queryset: Any) -> Any:
        # The page's counts of groups in one query (``with_group_counts``).
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_group_counts(page)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Counted here, where they are shown: a change or the reviews need no counts.
        (theme,) = selectors.with_group_counts([self.get_object()])
        return Response(self.get_serializer(theme).data)

    @extend_schema(methods=["GET"], responses={200: ThemeReviewSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request=ThemeReviewInputSerializer,
        responses={201: ThemeReviewSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="reviews", pagination_class=None)
    def reviews(self, request: Request, pk: str | None = None) -> Response:
        """The theme's quarterly reviews (GET), or add one (POST; a "close" decision closes it)."""
        theme = self.get_object()
        if request.method == "GET":
            reviews = selectors.theme_reviews(theme)
            return Response(ThemeReviewSerializer(reviews, many=True).data)
        values = self.validated(ThemeReviewInputSerializer)
        review = services.theme_review_add(actor=self.actor, theme=theme, **values)
        return Response(ThemeReviewSerializer(review).data, status=201)
