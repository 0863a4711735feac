"""The loop figures page never shows or gives away a count from 1 to 4 (crafted data).

Nested counts (fed back within responded within recorded), shares, the median and ratings could
each give a small count away (6 views, 83% responded: 1 not responded). The page shows what
voice.disclosure lets out; the reader of tests/core/disclosure.py tries every split that fits.
"""

import pytest
from django.urls import reverse

from heard.core.roles import Role
from heard.core.suppression import SMALL
from heard.voice import selectors
from heard.voice.disclosure import loop_figures_shown
from heard.voice.views import figures_for_display
from tests.core.disclosure import small_numbers_in_text
from tests.voice.crafted import craft_loop, reader_finds

CASES = {
    # 6 views, 5 responded (and fed back): "83% responded" would give the 1 open view away.
    "six_five": {
        "open_views": 1,
        "responded": 0,
        "fed_back": 5,
        "not_possible": 1,
        "ratings": (3, 0, 9),
    },
    "six_five_not_fed_back": {"open_views": 1, "responded": 5, "fed_back": 0},
    "seven_all_fed_back": {"open_views": 0, "responded": 0, "fed_back": 7, "ratings": (5, 0, 0)},
    "three_two": {
        "open_views": 1,
        "responded": 0,
        "fed_back": 2,
        "not_possible": 1,
        "ratings": (1, 1, 0),
    },
    "hidden_pair": {"open_views": 2, "responded": 2, "fed_back": 10, "not_possible": 2},
    "larger": {
        "open_views": 10,
        "responded": 5,
        "fed_back": 6,
        "not_possible": 5,
        "ratings": (5, 6, 7),
    },
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("role", [Role.PARTICIPATION_OFFICER, Role.BOARD_MEMBER])
def test_loop_figures_page(client_for, make_user, session, case, role):
    craft_loop(session, **CASES[case])
    user = make_user(role)
    page = client_for(user).get(reverse("voice:loop-figures"))
    rows = page.context["rows"]
    assert rows == figures_for_display(selectors.loop_figures(user=user))
    html = page.content.decode()
    table = html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    for label, value in rows:
        assert f">{value}</td>" in table
        if "Median" not in label:
            assert not small_numbers_in_text(value), (label, value)
    # The page is built from the same shown figures as the API, which the reader checks.
    assert reader_finds(loop_figures_shown(selectors.loop_figures(user=user))) == []


def test_the_examples(client_for, officer, session):
    craft_loop(session, **CASES["six_five"])
    rows = dict(client_for(officer).get(reverse("voice:loop-figures")).context["rows"])
    assert rows["Views recorded"] == "withheld"
    assert rows["Views not yet responded to"] == "fewer than 5"
    assert rows["Share responded to"] == "withheld"
    assert rows["Views fed back"] == "withheld"
    assert rows["Median days from view to feedback"] == "12"
    # The compliance figure is shown as 100%: nothing without a reason is a shown 0.
    assert rows[
        "Share of \u201cnot possible\u201d responses that give a reason (must be 100%)"
    ] == ("100%")
    assert (rows["Rated helpful"], rows["Rated not sure"], rows["Rated not helpful"]) == (
        "fewer than 5",
        "0",
        "withheld",
    )
    assert rows["Ratings"] == "12"


def test_median_only_for_five_or_more(client_for, officer, session):
    craft_loop(session, open_views=5, responded=0, fed_back=4)
    rows = dict(client_for(officer).get(reverse("voice:loop-figures")).context["rows"])
    assert rows["Median days from view to feedback"] == "withheld"
    craft_loop(session, open_views=0, responded=0, fed_back=1)
    rows = dict(client_for(officer).get(reverse("voice:loop-figures")).context["rows"])
    assert rows["Median days from view to feedback"] == "11"  # 10, 10, 11, 12, 13 days


def test_the_reader_finds_what_primary_suppression_alone_gives_away(officer, session):
    """The checker is not toothless: the old page hid only counts of 1-4 (the 1 open view), but
    showed 6 recorded, 5 responded and 83%, which give the 1 away."""
    craft_loop(session, **CASES["six_five"])
    raw = selectors.loop_figures(user=officer)
    primary_only = {
        **raw,
        "views_not_responded": SMALL,
        "views_responded_not_fed_back": 0,
        "ratings": {**raw["ratings"], "helpful": SMALL, "total": 12},
    }
    assert raw["views_recorded"] == 6 and raw["views_responded"] == 5
    found = reader_finds(primary_only)
    assert ("views", ((0,), 1)) in found
    assert ("ratings", ((0,), 3)) in found
