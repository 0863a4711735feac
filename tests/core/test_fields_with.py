"""``fields_with``: an API output's fields built from the fields its service declares."""

import pytest

from heard.api.common import fields_with


def test_each_name_follows_the_field_it_describes() -> None:
    shown = fields_with(("title", "organisation", "places"), organisation=["organisation_name"])
    assert shown == ["title", "organisation", "organisation_name", "places"]


def test_several_names_follow_one_field_in_their_order() -> None:
    assert fields_with(("kind",), kind=["stage", "step"]) == ["kind", "stage", "step"]


def test_a_field_the_service_does_not_declare_is_refused() -> None:
    with pytest.raises(TypeError, match="no owner"):
        fields_with(("title",), owner=["owner_name"])
