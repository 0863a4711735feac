"""The memberships API: young people joining and leaving groups (M4)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api.fields import BulkRelatedField
from heard.api.groups._common import validated
from heard.groups import filters, selectors, services
from heard.groups.models import (
    Group,
    Membership,
)
from heard.people.models import YoungPerson
from heard.people.selectors import young_people_visible_to


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
        values = validated(MembershipInputSerializer, request, with_request=True)
        membership = services.membership_add(actor=request.user, **values)  # type: ignore[arg-type]
        return Response(MembershipSerializer(membership).data, status=201)

    @extend_schema(request=MembershipEndInputSerializer, responses={200: MembershipSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        """End a membership: the young person leaves the group on ``left_on``."""
        membership = self.get_object()
        values = validated(MembershipEndInputSerializer, request)
        membership = services.membership_end(
            actor=request.user,  # type: ignore[arg-type]
            membership=membership,
            **values,
        )
        return Response(MembershipSerializer(membership).data)
