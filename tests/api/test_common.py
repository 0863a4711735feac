"""What the API's resources share (heard.api.common): the permission each action asks, outputs
that are read only, what a viewset takes from its output's model and the summaries it is given,
and every routed viewset naming only real permissions and actions."""

import pytest
import rules
from django.core.exceptions import ImproperlyConfigured
from drf_spectacular.generators import SchemaGenerator
from rest_framework.routers import SimpleRouter

from heard.api.common import (
    READ_CREATE,
    OutputSerializer,
    ReadCreateViewSet,
    RecordDeleteViewSet,
    fields_named,
    fields_with,
    model_permissions,
    output_fields,
)
from heard.api.groups import GroupDetailSerializer
from heard.api.urls import ROUTES
from heard.groups.models import Group, Membership
from heard.involvement.models import Evaluation
from heard.rewards.models import Recognition


def test_model_permissions_name_the_models_permissions_and_the_others_given():
    assert model_permissions(Group, move_stage="change") == {
        "list": "groups.view_group",
        "retrieve": "groups.view_group",
        "create": "groups.add_group",
        "partial_update": "groups.change_group",
        "move_stage": "groups.change_group",
    }
    by_method = {"GET": "groups.view_membership", "POST": "groups.add_membership"}
    assert model_permissions(Membership, READ_CREATE, end="people.view_user", x=by_method) == {
        "list": "groups.view_membership",
        "retrieve": "groups.view_membership",
        "create": "groups.add_membership",
        "end": "people.view_user",
        "x": by_method,
    }


@pytest.mark.parametrize(("prefix", "viewset"), [(route[0], route[1]) for route in ROUTES])
def test_every_routed_viewset_asks_real_permissions_of_its_own_actions(prefix, viewset):
    named = getattr(viewset(), "action_permissions", {})
    for action, permission in named.items():
        assert callable(getattr(viewset, action, None)), (prefix, action)
        permissions = permission.values() if isinstance(permission, dict) else [permission]
        for name in permissions:
            assert rules.perm_exists(name), (prefix, action, name)


def test_an_output_shows_every_field_read_only():
    fields = GroupDetailSerializer().fields
    assert set(fields) == set(GroupDetailSerializer.Meta.fields)
    assert all(field.read_only for field in fields.values())
    assert issubclass(GroupDetailSerializer, OutputSerializer)


def test_fields_with_moves_a_field_of_the_service_with_those_that_follow_it():
    shown = fields_with(("title", "ages", "link", "size"), ages=["link"], link=["url"])
    assert shown == ["title", "ages", "link", "url", "size"]


def test_fields_named_show_each_related_records_text_first_beside_it():
    shown = fields_named(("title", "organisation", "young_person"), young_person=["signed_up_at"])
    assert shown == [
        "title",
        "organisation",
        "organisation_name",
        "young_person",
        "young_person_reference",
        "signed_up_at",
    ]
    assert fields_named(("title",), title=["slug"]) == ["title", "slug"]


def test_an_outputs_fields_are_its_id_its_services_fields_its_own_and_its_stamps():
    shown = output_fields(("title", "organisation"), "count", title=["slug"])
    assert shown == [
        "id",
        "title",
        "slug",
        "organisation",
        "organisation_name",
        "count",
        "created_at",
        "updated_at",
    ]


class _RecognitionOutput(OutputSerializer):
    class Meta:
        model = Recognition
        fields = ["id", "young_person_reference", "organisation_name"]


def test_an_output_shows_a_related_records_text_it_names_without_declaring_it():
    fields = _RecognitionOutput().fields
    assert fields["young_person_reference"].source == "young_person.reference"
    assert fields["organisation_name"].source == "organisation.name"
    assert all(field.read_only for field in fields.values())


class _EvaluationOutput(OutputSerializer):
    class Meta:
        model = Evaluation
        fields = ["young_person_reference"]


def test_the_text_of_a_related_record_there_may_be_none_of_is_null_without_one():
    assert _EvaluationOutput().fields["young_person_reference"].allow_null
    assert not _RecognitionOutput().fields["young_person_reference"].allow_null
    assert _EvaluationOutput(Evaluation()).data == {"young_person_reference": None}


def test_an_output_refuses_a_field_it_neither_has_nor_knows():
    class Unknown(OutputSerializer):
        class Meta:
            model = Recognition
            fields = ["id", "nothing_here"]

    with pytest.raises(ImproperlyConfigured):
        _ = Unknown().fields


class _GroupOutput(OutputSerializer):
    class Meta:
        model = Group
        fields = ["id", "name"]


class _GroupViewSet(RecordDeleteViewSet):
    serializer_class = _GroupOutput
    more_permissions = {"move_stage": "change"}
    called = "a group"
    summaries = {"list": "Groups", "destroy": "Delete a group nobody is in"}


def test_a_viewset_takes_its_queryset_permissions_and_record_keyword_from_its_output():
    assert _GroupViewSet.queryset.model is Group
    assert _GroupViewSet.record_name == "group"
    assert _GroupViewSet.action_permissions == {
        "list": "groups.view_group",
        "retrieve": "groups.view_group",
        "create": "groups.add_group",
        "partial_update": "groups.change_group",
        "destroy": "groups.delete_group",
        "move_stage": "groups.change_group",
    }


def test_a_viewset_keeps_what_it_names_itself():
    class NamedViewSet(ReadCreateViewSet):
        serializer_class = _GroupOutput
        noun = "team"
        action_permissions = {"list": "groups.view_group"}

    assert NamedViewSet.record_name == "team"
    assert NamedViewSet.action_permissions == {"list": "groups.view_group"}


def test_a_viewset_that_says_what_it_calls_its_record_is_given_the_summaries_of_one():
    router = SimpleRouter()
    router.register("groups", _GroupViewSet, basename="group")
    document = SchemaGenerator(patterns=router.urls).get_schema(request=None, public=True)
    summaries = {
        (path, method): operation.get("summary")
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }
    assert summaries == {
        ("/groups/", "get"): "Groups",
        ("/groups/", "post"): None,
        ("/groups/{id}/", "get"): "One group",
        ("/groups/{id}/", "patch"): "Change a group",
        ("/groups/{id}/", "delete"): "Delete a group nobody is in",
    }
