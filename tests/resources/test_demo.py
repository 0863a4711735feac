"""The demo's resources library: there for every page the roles crawl."""

import pytest

from heard.demo import data
from heard.people.models import User
from heard.resources import selectors
from heard.resources.models import Resource, SessionResource


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


def test_the_demo_has_a_tagged_library_and_a_session_that_used_a_resource(demo):
    assert demo.counts["resources"] == Resource.objects.count() == 6
    assert Resource.objects.filter(themes__isnull=False).distinct().count() >= 3
    assert Resource.objects.exclude(file="").count() == 1
    use = SessionResource.objects.get()
    assert use.resource.title == "Consultation toolkit"
    partner = User.objects.get(email=data.PARTNER_EMAIL)
    assert selectors.resources_visible_to(partner).count() == 6
    board = User.objects.get(email=data.BOARD_EMAIL)
    assert selectors.resources_visible_to(board).count() == 5
