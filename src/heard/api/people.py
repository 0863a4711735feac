"""The people API: young people, organisations and (for administrators) staff.

Querysets come from the selectors, so records another organisation keeps are 404;
writes call the services.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from heard.api.fields import BulkRelatedField
from heard.core.permissions import can
from heard.core.roles import AgeBand
from heard.people import filters, selectors, services
from heard.people.models import Organisation, User, YoungPerson

# Young people ------------------------------------------------------------------------------------


class YoungPersonSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    display_name = serializers.CharField(read_only=True)
    possible_duplicate_of = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="reference", many=True, read_only=True
    )

    class Meta:
        model = YoungPerson
        fields = [
            "id",
            "reference",
            *services.YOUNG_PERSON_FIELDS,
            "display_name",
            "organisation_name",
            "possible_duplicate_of",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class _NewRecordSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """The input of a new record, which is always active: ``is_active`` is no field of a new one
    (and so not in the document), but said anyway it is refused rather than passed over. A change
    serializer declares ``is_active``, and may make a record inactive (or active again)."""

    new_record = "A new record"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        data = self.initial_data
        if "is_active" not in self.fields and isinstance(data, Mapping) and "is_active" in data:
            message = f"{self.new_record} is always active: leave is_active out."
            raise serializers.ValidationError({"is_active": message})
        return attrs


class _RecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Records listed, read, added and changed through the services."""


class YoungPersonInputSerializer(_NewRecordSerializer):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    preferred_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    age_band = serializers.ChoiceField(
        choices=AgeBand.choices,
        required=False,
        allow_blank=True,
        help_text="Leave empty with a date of birth: the band is worked out from it.",
    )
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    organisation = BulkRelatedField(queryset=Organisation.objects.all())
    area = serializers.CharField(max_length=100, required=False, allow_blank=True)
    communication_needs = serializers.CharField(
        max_length=services.NEEDS_MAX_LENGTH, required=False, allow_blank=True
    )
    access_needs = serializers.CharField(
        max_length=services.NEEDS_MAX_LENGTH, required=False, allow_blank=True
    )
    contact_preference = serializers.ChoiceField(
        choices=YoungPerson.ContactPreference.choices, required=False
    )
    confirm_not_duplicate = serializers.BooleanField(
        required=False,
        default=False,
        write_only=True,
        help_text="Set after a possible duplicate was reported, when this is a different person.",
    )


class YoungPersonChangeSerializer(YoungPersonInputSerializer):
    """A change: as a new record, and a record may be made inactive (or active again)."""

    is_active = serializers.BooleanField(required=False)


@extend_schema_view(
    create=extend_schema(
        request=YoungPersonInputSerializer, responses={201: YoungPersonSerializer}
    ),
    partial_update=extend_schema(
        request=YoungPersonChangeSerializer, responses={200: YoungPersonSerializer}
    ),
)
class YoungPersonViewSet(_RecordViewSet):
    """Young people on the register. A partner worker sees only their own organisation's."""

    serializer_class = YoungPersonSerializer
    filterset_class = filters.YoungPersonApiFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_permissions = {
        "list": "people.view_youngperson",
        "retrieve": "people.view_youngperson",
        "create": "people.add_youngperson",
        "partial_update": "people.change_youngperson",
    }

    def get_queryset(self) -> Any:
        return selectors.young_people_visible_to(self.request.user).prefetch_related(
            "possible_duplicate_of"
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = YoungPersonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # No band with a date of birth: the service works the band out from the date.
        fields = {"age_band": "", **serializer.validated_data}
        young_person = services.young_person_create(actor=request.user, **fields)  # type: ignore[arg-type]
        return Response(YoungPersonSerializer(young_person).data, status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        young_person = self.get_object()
        serializer = YoungPersonChangeSerializer(young_person, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("confirm_not_duplicate", None)
        young_person = services.young_person_update(
            actor=request.user,  # type: ignore[arg-type]
            young_person=young_person,
            **fields,
        )
        return Response(YoungPersonSerializer(young_person).data)


# Organisations -----------------------------------------------------------------------------------


class OrganisationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    # Read as plain text: an organisation may have no contact email yet (an empty string).
    contact_email = serializers.CharField(read_only=True, help_text="An email address, or empty.")
    young_people_count = serializers.SerializerMethodField(
        help_text="Active young people; null for roles that may not see them."
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            *services.ORGANISATION_FIELDS,
            "young_people_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_young_people_count(self, organisation: Organisation) -> int | None:
        user = self.context["request"].user
        if not can(user, "people.view_organisation_young_people", organisation):
            return None
        return getattr(organisation, "young_people_count", None)


class OrganisationInputSerializer(_NewRecordSerializer):
    new_record = "A new organisation"

    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices, required=False)
    area = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    champions = BulkRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False
    )
    notes = serializers.CharField(required=False, allow_blank=True)


class OrganisationChangeSerializer(OrganisationInputSerializer):
    """A change: as a new organisation, and it may be made inactive (or active again)."""

    is_active = serializers.BooleanField(required=False)


@extend_schema_view(
    create=extend_schema(
        request=OrganisationInputSerializer, responses={201: OrganisationSerializer}
    ),
    update=extend_schema(request=OrganisationChangeSerializer, responses=OrganisationSerializer),
    partial_update=extend_schema(
        request=OrganisationChangeSerializer, responses=OrganisationSerializer
    ),
)
class OrganisationViewSet(_RecordViewSet):
    """Partner organisations: every staff member reads them; programme staff add and change them."""

    serializer_class = OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_permissions = {
        "list": "people.view_organisation",
        "retrieve": "people.view_organisation",
        "create": "people.add_organisation",
        "update": "people.change_organisation",
        "partial_update": "people.change_organisation",
    }

    def get_queryset(self) -> Any:
        return selectors.organisations_visible_to(self.request.user).prefetch_related("champions")

    def _output(self, organisation: Organisation) -> Response:
        organisation = self.get_queryset().get(pk=organisation.pk)
        return Response(self.get_serializer(organisation).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = OrganisationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = services.organisation_create(actor=request.user, **serializer.validated_data)  # type: ignore[arg-type]
        response = self._output(organisation)
        response.status_code = 201
        return response

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = self.get_object()
        partial = kwargs.get("partial", False)
        serializer = OrganisationChangeSerializer(organisation, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.organisation_update(
            actor=request.user,  # type: ignore[arg-type]
            organisation=organisation,
            **serializer.validated_data,
        )
        return self._output(organisation)


# Staff (administrators, read only) ---------------------------------------------------------------


class StaffSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "job_title", "role", "organisation", "is_active"]
        read_only_fields = fields


class StaffViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Staff accounts, for administrators."""

    serializer_class = StaffSerializer
    filterset_class = filters.StaffFilter

    action_permissions = {"list": "people.view_user", "retrieve": "people.view_user"}

    def get_queryset(self) -> Any:
        return selectors.staff_visible_to(self.request.user)


def register(router: BaseRouter) -> None:
    router.register("young-people", YoungPersonViewSet, basename="young-person")
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("staff", StaffViewSet, basename="staff")
