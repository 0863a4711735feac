"""Two declarations the API's viewsets share: an action on one record named by the attribute it
is given to (heard.api.actions.RecordAction), and a viewset's ``one`` made from its ``visible``
and ``noun`` (heard.api.common.ServiceViewSet)."""

import pytest
from django.http import Http404
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from heard.api.actions import RecordAction
from heard.api.common import RecordViewSet, ServiceViewSet
from heard.people.models import Organisation
from tests import factories


def _close(**values):
    return values


class _NoteInput(serializers.Serializer):
    note = serializers.CharField()


class _ExampleViewSet(RecordViewSet):
    visible = staticmethod(lambda user: Organisation.objects.order_by("pk"))
    noun = "organisation"
    record_name = "organisation"
    close = RecordAction(_close, _NoteInput, doc="Close it.", summary="Close")


def test_a_record_action_is_a_post_on_one_record_named_by_its_attribute():
    close = _ExampleViewSet.close
    assert (close.__name__, close.__qualname__) == ("close", "_ExampleViewSet.close")
    assert close.__doc__ == "Close it."
    assert close.detail is True
    assert (close.url_path, close.url_name) == ("close", "close")
    assert dict(close.mapping) == {"post": "close"}
    assert [extra.__name__ for extra in _ExampleViewSet.get_extra_actions()] == ["close"]
    router = SimpleRouter()
    router.register("examples", _ExampleViewSet, basename="example")
    assert [url.name for url in router.urls if "close" in str(url.pattern)] == ["example-close"]


@pytest.mark.django_db
def test_one_is_the_visible_record_of_that_id_or_a_404_that_names_the_noun():
    organisation = factories.OrganisationFactory()
    assert _ExampleViewSet.one(None, organisation.pk) == organisation
    assert _ExampleViewSet.one(None, str(organisation.pk)) == organisation
    for unknown in (organisation.pk + 1000, "x", "-1"):
        with pytest.raises(Http404, match=r"^No such organisation\.$"):
            _ExampleViewSet.one(None, unknown)


@pytest.mark.django_db
def test_a_subclass_finds_among_its_own_visible_records_and_keeps_a_one_it_names():
    organisation = factories.OrganisationFactory()

    class NarrowerViewSet(_ExampleViewSet):
        visible = staticmethod(lambda user: Organisation.objects.none())

    with pytest.raises(Http404, match="No such organisation"):
        NarrowerViewSet.one(None, organisation.pk)

    def finder(user, pk):
        return "found"

    class OwnViewSet(_ExampleViewSet):
        one = staticmethod(finder)

    assert OwnViewSet.one(None, organisation.pk) == "found"


def test_without_a_noun_or_visible_records_there_is_no_one():
    class NoNounViewSet(ServiceViewSet):
        visible = staticmethod(lambda user: Organisation.objects.all())

    class NoVisibleViewSet(ServiceViewSet):
        noun = "organisation"

    assert NoNounViewSet.one is None
    assert NoVisibleViewSet.one is None
