"""The API's id fields and filters refuse what cannot be an id, and its OpenAPI hook documents the
error answers of operations only."""

import pytest
from rest_framework import serializers

from heard.api.fields import (
    ID_MESSAGE,
    TEXT_MAX_LENGTH,
    AgeBandsField,
    AreasField,
    BulkRelatedField,
    optional_text,
)
from heard.api.filters import _targets_an_id
from heard.api.openapi import ERROR, document_errors
from heard.core.roles import AgeBand
from heard.people.models import YoungPerson
from heard.voice.models import View
from tests import factories


def _errors(field, data):
    with pytest.raises(serializers.ValidationError) as caught:
        field.to_internal_value(data)
    return caught.value.detail


@pytest.fixture
def many():
    return BulkRelatedField(many=True, queryset=YoungPerson.objects.all(), allow_empty=False)


@pytest.mark.parametrize("data", ["1,2", 7, None])
def test_a_list_of_ids_must_be_a_list(db, many, data):
    assert _errors(many, data) == [
        f'Expected a list of items but got type "{type(data).__name__}".'
    ]


def test_a_list_of_ids_that_may_not_be_empty_refuses_an_empty_one(db, many):
    assert _errors(many, []) == ["This list may not be empty."]


def test_a_list_of_ids_resolves_in_order_and_names_the_first_unknown_id(
    db, many, organisation, django_assert_num_queries
):
    first, second = (factories.YoungPersonFactory(organisation=organisation) for _ in range(2))
    with django_assert_num_queries(1):
        assert many.to_internal_value([second.pk, str(first.pk), second.pk]) == [
            second,
            first,
            second,
        ]
    unknown = second.pk + 1000
    assert _errors(many, [first.pk, unknown]) == [
        f'Invalid pk "{unknown}" - object does not exist.'
    ]
    assert _errors(many, [first.pk, "x"]) == [ID_MESSAGE]


def test_an_id_field_without_a_queryset_says_so():
    class Nowhere(BulkRelatedField):
        def get_queryset(self):
            return None

    with pytest.raises(TypeError, match="Nowhere needs a queryset"):
        Nowhere(read_only=True).to_internal_value(3)


@pytest.mark.parametrize(
    ("path", "is_id"),
    [
        ("id", True),
        ("organisation", True),
        ("organisation__id", True),
        ("organisation__name", False),
        ("reference", False),
        ("reference__iexact", False),  # a lookup on a plain field: not an id
        ("no_such_field", False),
        ("organisation__no_such_field", False),
    ],
)
def test_an_id_filter_is_one_that_ends_on_a_key(path, is_id):
    assert _targets_an_id(YoungPerson, path) is is_id


def test_an_id_filter_can_go_through_several_relations():
    assert _targets_an_id(View, "session__group")
    assert not _targets_an_id(View, "session__date")


def test_the_error_answers_go_on_operations_not_on_shared_path_parameters():
    shared = [{"name": "id", "in": "path", "required": True}]
    result = {
        "paths": {
            "/api/v1/things/{id}/": {
                "parameters": shared,
                "get": {"responses": {"200": {"description": "The thing."}}},
            },
            "/api/v1/things/": {"post": {"requestBody": {}, "responses": {}}},
        }
    }
    document_errors(result, None, None, True)
    detail = result["paths"]["/api/v1/things/{id}/"]
    assert detail["parameters"] == shared
    assert sorted(detail["get"]["responses"]) == ["200", "401", "403", "404", "503"]
    created = result["paths"]["/api/v1/things/"]["post"]["responses"]
    assert sorted(created) == ["400", "401", "403", "415", "503"]
    assert ERROR in result["components"]["schemas"]


def test_age_bands_are_optional_in_an_input_each_band_once_at_the_most():
    field = AgeBandsField()
    assert not field.required
    assert field.max_length == len(AgeBand.choices)
    assert field.to_internal_value([AgeBand.choices[0][0]]) == [AgeBand.choices[0][0]]
    assert AgeBandsField(read_only=True).max_length is None


def test_areas_are_optional_in_an_input_and_shown_as_written_in_an_output():
    field = AreasField(help_text="Empty: everywhere.")
    assert (field.required, field.max_length, field.child.max_length) == (False, 50, 100)
    assert _errors(field, ["x" * 101])
    shown = AreasField(read_only=True)
    assert (shown.max_length, shown.child.max_length) == (None, None)


def test_an_optional_text_may_be_left_out_or_blank_up_to_the_longest_text():
    field = optional_text(help_text="Notes.")
    assert (field.required, field.allow_blank, field.max_length) == (False, True, TEXT_MAX_LENGTH)
    assert field.help_text == "Notes."
