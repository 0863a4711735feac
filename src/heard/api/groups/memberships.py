"""The memberships API: young people joining and leaving groups (M4)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from heard.api import common
from heard.api.actions import RecordAction
from heard.api.fields import BulkRelatedField
from heard.groups import filters, selectors, services
from heard.groups.models import Group, Membership
from heard.groups.services.memberships import MEMBERSHIP_FIELDS
from heard.people.models import YoungPerson
from heard.people.selectors import young_people_visible_to


class MembershipSerializer(common.OutputSerializer):
    reference = serializers.CharField(source="young_person.reference", read_only=True)
    display_name = serializers.CharField(source="young_person.display_name", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", *MEMBERSHIP_FIELDS, "reference", "display_name", "is_current"]


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


class MembershipViewSet(common.ReadCreateViewSet):
    """Young people's memberships of groups. Board members never see them."""

    serializer_class = MembershipSerializer
    input_serializer = MembershipInputSerializer
    filterset_class = filters.MembershipFilter
    more_permissions = {"end": "change"}
    adds = staticmethod(services.membership_add)

    def get_queryset(self) -> Any:
        return selectors.memberships_visible_to(self.request.user).order_by("pk")

    end = RecordAction(
        services.membership_end,
        MembershipEndInputSerializer,
        doc="End a membership: the young person leaves the group on ``left_on``.",
    )
