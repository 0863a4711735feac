"""The demo partnership carries seed 000's indicators, and its home page shows progress against
them; for the board, the same young people give the same protected figure as the home counts."""

import re

import pytest
from django.urls import reverse

from heard.core.roles import Role
from heard.demo import data
from heard.indicators.models import Indicator
from heard.people.models import User
from tests.demo.test_load_demo import demo, loaded_demo  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _login(role):
    email = next(spec.email for spec in data.STAFF if spec.role == role)
    return User.objects.get(email=email)


def test_the_seeds_targets_are_set(demo):  # noqa: F811
    assert demo.counts["indicators"] == 2
    targets = dict(Indicator.objects.values_list("measure", "target"))
    assert targets == {"active_young_people": 300, "active_through_group_kind": 100}
    assert Indicator.objects.get(target=100).group_kind == "buddy_group"


def test_the_home_page_shows_progress_and_the_board_the_same_figure(demo, client):  # noqa: F811
    client.force_login(_login(Role.PARTICIPATION_LEAD))
    page = client.get(reverse("home")).content.decode()
    assert "Progress against our indicators" in page
    assert re.search(r"Young people actively participating</a>: [\d,]+ of a target of 300", page)
    assert re.search(r"Of them, through Buddy Groups</a>: [\d,]+ of a target of 100", page)
    client.force_login(_login(Role.BOARD_MEMBER))
    home = client.get(reverse("home"))
    board_page = home.content.decode()
    counts = home.context["counts"]
    for name, target, count in (
        ("Young people actively participating", 300, "active_young_people"),
        ("Of them, through Buddy Groups", 100, "active_via_buddy_groups"),
    ):
        shown = re.search(rf"{name}</a>: ([^ ]+) of a target of {target}", board_page)[1]
        assert shown.replace(",", "") == str(counts[count])
