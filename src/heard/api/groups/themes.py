"""The themes API: themes and their quarterly reviews (M3)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api.fields import BulkRelatedField
from heard.api.groups._common import TEXT_MAX_LENGTH, active_staff, validated
from heard.groups import filters, selectors, services
from heard.groups.models import (
    Theme,
    ThemeReview,
)

#: A theme's period, as the model checks it (the service also checks that it spans one year).
PERIOD_PATTERN = r"^[0-9]{4}-[0-9]{2}$"


class ThemeSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    lead_name = serializers.CharField(source="lead.full_name", read_only=True, allow_null=True)
    group_count = serializers.IntegerField(read_only=True)
    established_group_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Theme
        fields = [
            "id",
            "title",
            "period",
            "lead",
            "lead_name",
            "status",
            "description",
            "group_count",
            "established_group_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ThemeInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    period = serializers.RegexField(
        PERIOD_PATTERN,
        max_length=7,
        error_messages={"invalid": "Enter the period as a year span, like 2025-26."},
        help_text="The partnership year, like 2026-27: a year and the next one's last two digits.",
    )
    lead = BulkRelatedField(queryset=active_staff(), required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Theme.Status.choices, required=False)
    description = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )


class ThemeReviewSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    reviewed_by_name = serializers.CharField(
        source="reviewed_by.full_name", read_only=True, allow_null=True
    )

    class Meta:
        model = ThemeReview
        fields = [
            "id",
            "theme",
            "date",
            "summary",
            "decision",
            "reviewed_by",
            "reviewed_by_name",
            "created_at",
        ]
        read_only_fields = fields


class ThemeReviewInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField()
    summary = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    decision = serializers.ChoiceField(choices=ThemeReview.Decision.choices)


@extend_schema_view(
    create=extend_schema(request=ThemeInputSerializer, responses={201: ThemeSerializer}),
    partial_update=extend_schema(request=ThemeInputSerializer, responses={200: ThemeSerializer}),
)
class ThemeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Themes (Spotlight areas) with their leads, periods and counts of linked groups."""

    serializer_class = ThemeSerializer
    filterset_class = filters.ThemeFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    action_permissions = {
        "list": "groups.view_theme",
        "retrieve": "groups.view_theme",
        "create": "groups.add_theme",
        "partial_update": "groups.change_theme",
        "reviews": {"GET": "groups.view_themereview", "POST": "groups.add_themereview"},
    }

    def get_queryset(self) -> Any:
        return selectors.themes_visible_to(self.request.user).order_by("-period", "title", "pk")

    def paginate_queryset(self, queryset: Any) -> Any:
        # The page's counts of groups in one query (``with_group_counts``).
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_group_counts(page)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Counted here, where they are shown: a change or the reviews need no counts.
        (theme,) = selectors.with_group_counts([self.get_object()])
        return Response(self.get_serializer(theme).data)

    def _fresh(self, theme: Theme) -> Theme:
        return selectors.theme_get(self.request.user, theme.pk)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        values = validated(ThemeInputSerializer, request)
        theme = services.theme_create(actor=request.user, **values)  # type: ignore[arg-type]
        return Response(ThemeSerializer(self._fresh(theme)).data, status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        theme = self.get_object()
        values = validated(ThemeInputSerializer, request, partial=True)
        services.theme_update(actor=request.user, theme=theme, **values)  # type: ignore[arg-type]
        return Response(ThemeSerializer(self._fresh(theme)).data)

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
        values = validated(ThemeReviewInputSerializer, request)
        review = services.theme_review_add(
            actor=request.user,  # type: ignore[arg-type]
            theme=theme,
            **values,
        )
        return Response(ThemeReviewSerializer(review).data, status=201)
