"""The demo partnership carries seed 000's indicators, and its home page shows progress against
them; for the board, the same young people give the same protected figure as the home counts."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from heard.core.roles import Role
from heard.demo import data
from heard.indicators.models import Indicator
from heard.indicators.progress import progress
from heard.people.models import User
from tests.demo.test_load_demo import demo, loaded_demo  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _login(role):
    email = next(spec.email for spec in data.STAFF if spec.role == role)
    return User.objects.get(email=email)


def test_the_seeds_targets_are_set(demo):  # noqa: F811
    assert demo.counts["indicators"] == 7
    targets = {
        name: (measure, target, group_kind, title)
        for name, measure, target, group_kind, title in Indicator.objects.values_list(
            "name", "measure", "target", "group_kind", "session_title"
        )
    }
    assert targets == {
        "Young people actively participating": ("active_young_people", 300, "", ""),
        "Of them, through Buddy Groups": ("active_through_group_kind", 100, "buddy_group", ""),
        "Recruitment and procurement with young people involved": (
            "decisions_involved",
            70,
            "",
            "",
        ),
        "Positive evaluations": ("positive_evaluations", 85, "", ""),
        "Positive Takeover Day feedback": ("positive_evaluations", 90, "", "Takeover Day"),
        "Primary Parliament school attendances": (
            "school_attendances",
            100,
            "primary_parliament",
            "",
        ),
        "Primary Parliament schools (each once)": ("schools_unique", 40, "primary_parliament", ""),
    }


def test_seed_002s_indicators_count_the_demos_records(demo):  # noqa: F811
    """Takeover Day's forms: 8 of 9 positive (amber against 90%); the Primary Parliament's
    sitting alone brings 30 schools' attendances."""
    lead = _login(Role.PARTICIPATION_LEAD)
    today = timezone.localdate()
    takeover = progress(
        Indicator.objects.get(name="Positive Takeover Day feedback"), user=lead, today=today
    )
    assert takeover.value_text == "89%"
    assert takeover.current.status.label == "Close to target"
    schools = progress(
        Indicator.objects.get(name="Primary Parliament school attendances"), user=lead, today=today
    )
    unique = progress(
        Indicator.objects.get(name="Primary Parliament schools (each once)"), user=lead, today=today
    )
    assert schools.current.value >= unique.current.value >= 30


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
