"""The people API: young people, organisations and (for administrators) staff.

Querysets come from the selectors, so records another organisation keeps are 404;
writes call the services.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from heard.api import common
from heard.api.fields import ActiveStaffField, BulkRelatedField
from heard.core.permissions import can
from heard.core.roles import AgeBand
from heard.people import filters, selectors, services
from heard.people.models import Organisation, User, YoungPerson

# Young people ------------------------------------------------------------------------------------


#: How a young person is shown: the name to use, their organisation and whom they may duplicate.
SHOWN_AS = ("display_name", "organisation_name", "possible_duplicate_of")


#: A young person's names: null for a role that may not see names (``people.view_youngperson_name``,
#: the rule the pages follow), which knows the record by its reference.
NAMES = ("first_name", "last_name", "preferred_name", "display_name")
_HIDDEN_NAME = "Null for roles that may not see young people's names."


class YoungPersonSerializer(common.OutputSerializer):
    first_name = serializers.CharField(read_only=True, allow_null=True, help_text=_HIDDEN_NAME)
    last_name = serializers.CharField(read_only=True, allow_null=True, help_text=_HIDDEN_NAME)
    preferred_name = serializers.CharField(read_only=True, allow_null=True, help_text=_HIDDEN_NAME)
    display_name = serializers.CharField(read_only=True, allow_null=True, help_text=_HIDDEN_NAME)
    contact_email = serializers.CharField(read_only=True, allow_null=True, help_text=_HIDDEN_NAME)
    possible_duplicate_of = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="reference", many=True, read_only=True
    )

    class Meta:
        model = YoungPerson
        fields = ["id", "reference", *services.YOUNG_PERSON_FIELDS, *SHOWN_AS, *common.STAMPS]

    def to_representation(self, instance: YoungPerson) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not self._sees_names():
            data.update(dict.fromkeys(NAMES))
            data["contact_email"] = None  # issue 20: as personal as a name
        return data

    def _sees_names(self) -> bool:
        """Asked once for a page of records (the answer is the user's, not the record's)."""
        context = cast(dict[str, Any], self.context)  # the root's, shared by a page's records
        if "sees_names" not in context:
            user = getattr(context.get("request"), "user", None)
            context["sees_names"] = user is not None and selectors.sees_names(user)
        return bool(context["sees_names"])


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
    contact_email = serializers.EmailField(
        required=False, allow_blank=True, help_text="Where Heard may email them (issue 20)."
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


class YoungPersonViewSet(common.RecordViewSet):
    """Young people on the register. A partner worker sees only their own organisation's."""

    serializer_class = YoungPersonSerializer
    input_serializer = YoungPersonInputSerializer
    change_serializer = YoungPersonChangeSerializer
    filterset_class = filters.YoungPersonApiFilter

    def get_queryset(self) -> Any:
        return selectors.young_people_visible_to(self.request.user).prefetch_related(
            "possible_duplicate_of"
        )

    def record(self, values: dict[str, Any]) -> YoungPerson:
        # No band with a date of birth: the service works the band out from the date.
        fields = {"age_band": "", **values}
        return services.young_person_create(actor=self.actor, **fields)

    def change(self, young_person: YoungPerson, values: dict[str, Any]) -> YoungPerson:
        values.pop("confirm_not_duplicate", None)
        return services.young_person_update(actor=self.actor, young_person=young_person, **values)


# Organisations -----------------------------------------------------------------------------------


class OrganisationSerializer(common.OutputSerializer):
    # Read as plain text: an organisation may have no contact email yet (an empty string).
    contact_email = serializers.CharField(read_only=True, help_text="An email address, or empty.")
    young_people_count = serializers.SerializerMethodField(
        help_text="Active young people; null for roles that may not see them."
    )

    class Meta:
        model = Organisation
        fields = common.output_fields(services.ORGANISATION_FIELDS, "young_people_count")

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
    champions = ActiveStaffField(many=True, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class OrganisationChangeSerializer(OrganisationInputSerializer):
    """A change: as a new organisation, and it may be made inactive (or active again)."""

    is_active = serializers.BooleanField(required=False)


class OrganisationViewSet(common.RecordViewSet):
    """Partner organisations: every staff member reads them; programme staff add and change them."""

    serializer_class = OrganisationSerializer
    input_serializer = OrganisationInputSerializer
    change_serializer = OrganisationChangeSerializer
    filterset_class = filters.OrganisationFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    more_permissions = {"update": "change"}
    adds = staticmethod(services.organisation_create)
    changes = staticmethod(services.organisation_update)

    def get_queryset(self) -> Any:
        return selectors.organisations_visible_to(self.request.user).prefetch_related("champions")

    def fresh(self, organisation: Organisation) -> Organisation:
        return self.get_queryset().get(pk=organisation.pk)


# Staff (administrators, read only) ---------------------------------------------------------------


class StaffSerializer(common.OutputSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "job_title", "role", "organisation", "is_active"]


class StaffViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """Staff accounts, for administrators."""

    serializer_class = StaffSerializer
    filterset_class = filters.StaffFilter

    action_permissions = common.model_permissions(User, common.READ)

    def get_queryset(self) -> Any:
        return selectors.staff_visible_to(self.request.user)
