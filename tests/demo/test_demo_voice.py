"""The demo's voice records: views in every Spotlight area at every loop stage, and loop figures
that match the records."""

from heard.core.roles import Role
from heard.people.models import User
from heard.voice import selectors
from heard.voice.models import Response, View
from tests.demo.test_load_demo import SPOTLIGHT_AREAS, demo, loaded_demo  # noqa: F401
from tests.voice.test_selectors import _recompute


def test_views_in_all_six_spotlight_areas_at_every_stage(demo):  # noqa: F811
    themes = set(View.objects.values_list("themes__title", flat=True))
    assert themes == SPOTLIGHT_AREAS
    assert View.objects.count() == 24 == demo.counts["views"]
    statuses = set(View.objects.values_list("status", flat=True))
    assert statuses == {"open", "responded", "fed_back", "rated"}
    not_possible = Response.objects.filter(outcome="not_possible")
    assert not_possible.count() >= 3
    assert all(response.explanation for response in not_possible)
    assert View.objects.filter(consent="publish").exists()
    assert demo.counts["ratings"] >= 6


def test_loop_figures_match_the_records(demo):  # noqa: F811
    lead = User.objects.filter(role=Role.PARTICIPATION_LEAD).first()
    figures = selectors.loop_figures(user=lead)
    assert figures == _recompute(View.objects.all())
    assert figures["not_possible_with_reason_share"] == 1.0
    board = User.objects.filter(role=Role.BOARD_MEMBER).first()
    assert selectors.loop_figures(user=board) == figures
