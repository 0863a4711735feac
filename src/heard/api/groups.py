"""The groups API: themes and their reviews, groups and their lifecycle, memberships (M3, M4, M5).

Querysets come from the selectors, so another organisation's groups are 404 to a partner worker;
every write calls a service, which checks the permission and records the audit entry.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from heard.api.fields import BulkRelatedField, SuppressedCountField
from heard.core.permissions import can
from heard.groups import filters, selectors, services
from heard.groups.models import (
    Group,
    GroupTheme,
    Membership,
    StageTransition,
    Theme,
    ThemeReview,
)
from heard.people.models import Organisation, User, YoungPerson
from heard.people.selectors import young_people_visible_to

TEXT_MAX_LENGTH = 5000
REQUIRED = serializers.Field.default_error_messages["required"]
#: A theme's period, as the model checks it (the service also checks that it spans one year).
PERIOD_PATTERN = r"^[0-9]{4}-[0-9]{2}$"


def _active_staff() -> Any:
    return User.objects.filter(is_active=True)


# Themes ------------------------------------------------------------------------------------------


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
    lead = BulkRelatedField(queryset=_active_staff(), required=False, allow_null=True)
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
        serializer = ThemeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        theme = services.theme_create(actor=request.user, **serializer.validated_data)  # type: ignore[arg-type]
        return Response(ThemeSerializer(self._fresh(theme)).data, status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        theme = self.get_object()
        serializer = ThemeInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.theme_update(actor=request.user, theme=theme, **serializer.validated_data)  # type: ignore[arg-type]
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
        serializer = ThemeReviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.theme_review_add(
            actor=request.user,  # type: ignore[arg-type]
            theme=theme,
            **serializer.validated_data,
        )
        return Response(ThemeReviewSerializer(review).data, status=201)


# Groups ------------------------------------------------------------------------------------------


class GroupThemeSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    theme_title = serializers.CharField(source="theme.title", read_only=True)
    period = serializers.CharField(source="theme.period", read_only=True)

    class Meta:
        model = GroupTheme
        fields = ["theme", "theme_title", "period", "relationship"]
        read_only_fields = fields


@extend_schema_field(
    {"type": "string", "enum": Group.Stage.values, "description": "A lifecycle stage."}
)
class StageField(serializers.ChoiceField):
    """A lifecycle stage, described inline so the schema holds one enum for the group's stage."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Group.Stage.choices, **kwargs)


class StageTransitionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    from_stage = serializers.CharField(
        read_only=True, help_text="The stage it left (empty for the first stage)."
    )
    to_stage = StageField(read_only=True)

    class Meta:
        model = StageTransition
        fields = ["id", "group", "from_stage", "to_stage", "date", "note", "by", "created_at"]
        read_only_fields = fields


class MembershipSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    reference = serializers.CharField(source="young_person.reference", read_only=True)
    display_name = serializers.CharField(source="young_person.display_name", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "group",
            "young_person",
            "reference",
            "display_name",
            "joined_on",
            "left_on",
            "is_current",
        ]
        read_only_fields = fields


class GroupSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    host_organisation_name = serializers.CharField(source="host_organisation.name", read_only=True)
    themes = GroupThemeSerializer(source="theme_links", many=True, read_only=True)
    #: Exact for roles that can open the members; 1-4 as "fewer than 5" for the others (board
    #: members), as on the pages (ADR 0004).
    member_count = serializers.SerializerMethodField()
    last_contact = serializers.DateField(read_only=True, allow_null=True)
    next_due = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Group
        fields = [
            "id",
            "name",
            "kind",
            "host_organisation",
            "host_organisation_name",
            "leads",
            "themes",
            "stage",
            "stage_changed_on",
            "start_date",
            "planned_end_date",
            "cadence",
            "description",
            "member_count",
            "last_contact",
            "next_due",
            "is_overdue",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(SuppressedCountField)
    def get_member_count(self, group: Group) -> Any:
        request = self.context.get("request")
        return selectors.member_count_display(getattr(request, "user", None))(group)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_next_due(self, group: Group) -> Any:
        return Group.next_due(group, getattr(group, "last_contact", None))

    @extend_schema_field(serializers.BooleanField())
    def get_is_overdue(self, group: Group) -> bool:
        due = Group.next_due(group, getattr(group, "last_contact", None))
        return due is not None and due < timezone.localdate()


class GroupDetailSerializer(GroupSerializer):
    transitions = StageTransitionSerializer(many=True, read_only=True)
    members = serializers.SerializerMethodField(
        help_text="Memberships, current and past; null for roles that never see members."
    )

    class Meta(GroupSerializer.Meta):
        fields = [*GroupSerializer.Meta.fields, "transitions", "members"]
        read_only_fields = fields

    @extend_schema_field(MembershipSerializer(many=True, allow_null=True))
    def get_members(self, group: Group) -> Any:
        user = self.context["request"].user
        if not can(user, "groups.view_membership", group):
            return None
        return MembershipSerializer(selectors.group_members(user, group), many=True).data


class GroupThemeInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    theme = BulkRelatedField(queryset=Theme.objects.all())
    relationship = serializers.ChoiceField(
        choices=GroupTheme.Relationship.choices, default=GroupTheme.Relationship.WORKING_ON
    )


class GroupInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Group.Kind.choices)
    host_organisation = BulkRelatedField(queryset=Organisation.objects.all())
    leads = BulkRelatedField(queryset=_active_staff(), many=True, required=False)
    themes = GroupThemeInputSerializer(many=True, required=False)
    stage = serializers.ChoiceField(
        choices=Group.Stage.choices,
        required=False,
        help_text="Only when creating; afterwards use the move-stage action.",
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    planned_end_date = serializers.DateField(required=False, allow_null=True)
    cadence = serializers.ChoiceField(choices=Group.Cadence.choices, required=False)
    description = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.partial and "stage" in attrs:
            raise serializers.ValidationError(
                {"stage": "Move a group's stage with the move-stage action."}
            )
        if "themes" in attrs:
            # A PATCH does not ask for a nested link's required fields: the theme is asked here.
            missing = [{} if "theme" in link else {"theme": [REQUIRED]} for link in attrs["themes"]]
            if any(missing):
                raise serializers.ValidationError({"themes": missing})
            # Nested defaults are skipped on PATCH: a link without a relationship is "working on".
            attrs["themes"] = [
                (link["theme"], link.get("relationship", GroupTheme.Relationship.WORKING_ON))
                for link in attrs["themes"]
            ]
        return attrs


class MoveStageInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    to_stage = StageField()
    date = serializers.DateField()
    note = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


@extend_schema_view(
    retrieve=extend_schema(responses={200: GroupDetailSerializer}),
    create=extend_schema(request=GroupInputSerializer, responses={201: GroupDetailSerializer}),
    partial_update=extend_schema(
        request=GroupInputSerializer, responses={200: GroupDetailSerializer}
    ),
)
class GroupViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Groups of every kind. A partner worker sees only the groups their organisation hosts."""

    serializer_class = GroupSerializer
    filterset_class = filters.GroupFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    action_permissions = {
        "list": "groups.view_group",
        "retrieve": "groups.view_group",
        "create": "groups.add_group",
        "partial_update": "groups.change_group",
        "move_stage": "groups.change_group",
    }

    def get_queryset(self) -> Any:
        queryset = selectors.groups_visible_to(self.request.user).order_by("name", "pk")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("transitions")
        return queryset

    def get_serializer_class(self) -> Any:
        return GroupDetailSerializer if self.action == "retrieve" else GroupSerializer

    def _detail(self, group: Group) -> dict[str, Any]:
        fresh = selectors.groups_visible_to(self.request.user).get(pk=group.pk)
        return GroupDetailSerializer(fresh, context=self.get_serializer_context()).data

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = GroupInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        group = services.group_create(actor=request.user, **serializer.validated_data)  # type: ignore[arg-type]
        return Response(self._detail(group), status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        group = self.get_object()
        serializer = GroupInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.group_update(actor=request.user, group=group, **serializer.validated_data)  # type: ignore[arg-type]
        return Response(self._detail(group))

    @extend_schema(request=MoveStageInputSerializer, responses={201: StageTransitionSerializer})
    @action(detail=True, methods=["post"], url_path="move-stage")
    def move_stage(self, request: Request, pk: str | None = None) -> Response:
        """Move the group along its lifecycle (only to a stage its current stage allows)."""
        group = self.get_object()
        serializer = MoveStageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        transition = services.group_move_stage(
            actor=request.user,  # type: ignore[arg-type]
            group=group,
            **serializer.validated_data,
        )
        return Response(StageTransitionSerializer(transition).data, status=201)


# Memberships -------------------------------------------------------------------------------------


class MembershipInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    group = BulkRelatedField(queryset=Group.objects.none())
    young_person = BulkRelatedField(queryset=YoungPerson.objects.none())
    joined_on = serializers.DateField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:  # the OpenAPI generator builds the serializer without a request
            return
        user = request.user
        self.fields["group"].queryset = selectors.groups_visible_to(user)  # type: ignore[attr-defined]
        self.fields["young_person"].queryset = young_people_visible_to(user)  # type: ignore[attr-defined]


class MembershipEndInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    left_on = serializers.DateField()


@extend_schema_view(
    create=extend_schema(request=MembershipInputSerializer, responses={201: MembershipSerializer}),
)
class MembershipViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Young people's memberships of groups. Board members never see them."""

    serializer_class = MembershipSerializer
    filterset_class = filters.MembershipFilter

    action_permissions = {
        "list": "groups.view_membership",
        "retrieve": "groups.view_membership",
        "create": "groups.add_membership",
        "end": "groups.change_membership",
    }

    def get_queryset(self) -> Any:
        return selectors.memberships_visible_to(self.request.user).order_by("pk")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = MembershipInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        membership = services.membership_add(actor=request.user, **serializer.validated_data)  # type: ignore[arg-type]
        return Response(MembershipSerializer(membership).data, status=201)

    @extend_schema(request=MembershipEndInputSerializer, responses={200: MembershipSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        """End a membership: the young person leaves the group on ``left_on``."""
        membership = self.get_object()
        serializer = MembershipEndInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_end(
            actor=request.user,  # type: ignore[arg-type]
            membership=membership,
            **serializer.validated_data,
        )
        return Response(MembershipSerializer(membership).data)


def register(router: BaseRouter) -> None:
    router.register("themes", ThemeViewSet, basename="theme")
    router.register("groups", GroupViewSet, basename="group")
    router.register("memberships", MembershipViewSet, basename="membership")
