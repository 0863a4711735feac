"""The groups API: groups of every kind and their lifecycle (M4, M5)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common
from heard.api.fields import ActiveStaffField, BulkRelatedField, SuppressedCountField, optional_text
from heard.api.groups.memberships import MembershipSerializer
from heard.core.permissions import can
from heard.groups import filters, selectors, services
from heard.groups.models import Group, GroupTheme, StageTransition, Theme
from heard.people.models import Organisation


class GroupThemeSerializer(common.OutputSerializer):
    theme_title = serializers.CharField(source="theme.title", read_only=True)
    period = serializers.CharField(source="theme.period", read_only=True)

    class Meta:
        model = GroupTheme
        fields = ["theme", "theme_title", "period", "relationship"]


@extend_schema_field(
    {"type": "string", "enum": Group.Stage.values, "description": "A lifecycle stage."}
)
class StageField(serializers.ChoiceField):
    """A lifecycle stage, described inline so the schema holds one enum for the group's stage."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Group.Stage.choices, **kwargs)


class StageTransitionSerializer(common.OutputSerializer):
    from_stage = serializers.CharField(
        read_only=True, help_text="The stage it left (empty for the first stage)."
    )
    to_stage = StageField(read_only=True)

    class Meta:
        model = StageTransition
        fields = ["id", "group", "from_stage", "to_stage", "date", "note", "by", "created_at"]


#: What a group's members and visits come to, worked out for each group shown.
CONTACT = ("member_count", "last_contact", "next_due", "is_overdue")


class GroupSerializer(common.OutputSerializer):
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
        fields = common.output_fields(
            services.GROUP_FIELDS, "host_organisation_name", "themes", *CONTACT
        )

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
    leads = ActiveStaffField(many=True, required=False)
    themes = GroupThemeInputSerializer(many=True, required=False)
    stage = serializers.ChoiceField(
        choices=Group.Stage.choices,
        required=False,
        help_text="Only when creating; afterwards use the move-stage action.",
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    planned_end_date = serializers.DateField(required=False, allow_null=True)
    cadence = serializers.ChoiceField(choices=Group.Cadence.choices, required=False)
    description = optional_text()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.partial and "stage" in attrs:
            raise serializers.ValidationError(
                {"stage": "Move a group's stage with the move-stage action."}
            )
        if "themes" in attrs:
            # A PATCH does not ask for a nested link's required fields: the theme is asked here.
            missing = [
                {} if "theme" in link else {"theme": [common.REQUIRED]} for link in attrs["themes"]
            ]
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
    note = optional_text()


class GroupViewSet(common.RecordViewSet):
    """Groups of every kind. A partner worker sees only the groups their organisation hosts."""

    serializer_class = GroupSerializer
    input_serializer = GroupInputSerializer
    output_serializer = GroupDetailSerializer
    filterset_class = filters.GroupFilter
    operations = common.Operations(selectors, services, "group", add="create")
    more_permissions = {"move_stage": "change"}

    def get_queryset(self) -> Any:
        queryset = super().get_queryset().order_by("name", "pk")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("transitions")
        return queryset

    @extend_schema(request=MoveStageInputSerializer, responses={201: StageTransitionSerializer})
    @action(detail=True, methods=["post"], url_path="move-stage")
    def move_stage(self, request: Request, pk: str | None = None) -> Response:
        """Move the group along its lifecycle (only to a stage its current stage allows)."""
        group = self.get_object()
        values = self.validated(MoveStageInputSerializer)
        transition = services.group_move_stage(actor=self.actor, group=group, **values)
        return Response(StageTransitionSerializer(transition).data, status=201)
