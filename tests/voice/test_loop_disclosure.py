"""The loop figures under ADR 0008 (crafted data): exact for a reader who may open every view
behind them, protected for the others, and then no count from 1 to 4 shown or given away, in
one answer or across answers (periods, an organisation against its groups).

The protected reader (tests/core/disclosure.py, ``cross_request_pins``) knows the policy: 0 is
exact, "fewer than 5" is 1-4, other figures are multiples of 5 within 4 of the truth.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse

from heard.core.roles import Role
from heard.core.suppression import SMALL
from heard.voice import selectors
from heard.voice.disclosure import loop_figures_shown
from heard.voice.views import figures_for_display
from tests import factories
from tests.core.disclosure import cross_request_pins, small_numbers_in_text
from tests.voice.crafted import craft_loop, protected_reader_finds, reader_finds

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

#: 20 January 2027: the quarter of the crafted views (October to December 2026) is complete.
LATER = datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC)
QUARTER = "start=2026-10-01&end=2026-12-31"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    "role",
    [Role.PARTICIPATION_LEAD, Role.PARTICIPATION_OFFICER, Role.THEME_LEAD, Role.SAFEGUARDING_LEAD],
)
def test_exact_for_readers_of_every_view(client_for, make_user, session, case, role):
    craft_loop(session, **CASES[case])
    user = make_user(role)
    rows = dict(client_for(user).get(reverse("voice:loop-figures")).context["rows"])
    spec = CASES[case]
    assert rows["Views recorded"] == str(
        sum(spec[k] for k in ("open_views", "responded", "fed_back"))
    )
    assert rows["Views fed back"] == str(spec["fed_back"])


def test_a_partner_worker_sees_their_own_organisation_exact(client_for, make_user, session):
    craft_loop(session, open_views=1, responded=0, fed_back=2)
    worker = make_user(Role.PARTNER_WORKER, organisation=session.organisation)
    rows = dict(client_for(worker).get(reverse("voice:loop-figures")).context["rows"])
    assert (rows["Views recorded"], rows["Views fed back"]) == ("3", "2")


def test_a_lead_sees_a_groups_real_shares(client_for, lead, session):
    """Issue 15: a lead who can open every one of a group's 10 views saw "withheld" for the
    shares; the job needs the real 60% responded and 40% fed back."""
    craft_loop(session, open_views=4, responded=2, fed_back=4)
    group = session.group
    page = client_for(lead).get(reverse("voice:loop-figures"), {"group": group.pk})
    rows = dict(page.context["rows"])
    assert rows["Share responded to"] == "60%"
    assert rows["Share fed back"] == "40%"


@pytest.mark.parametrize("case", CASES)
def test_protected_for_a_board_member(client_for, api_for, board_member, session, case):
    craft_loop(session, **CASES[case])
    with time_machine.travel(LATER, tick=False):
        page = client_for(board_member).get(reverse("voice:loop-figures"))
        rows = page.context["rows"]
        figures = selectors.loop_figures(
            user=board_member,
            start=datetime.date(2026, 4, 1),
            end=datetime.date(2026, 12, 31),
            cells=True,
        )
        assert rows == figures_for_display(figures, exact=False)
        for label, value in rows:
            if "Median" not in label:
                assert not small_numbers_in_text(value), (label, value)
        shown = api_for(board_member).get("/api/v1/loop-figures/").json()
        assert shown["exact"] is False
        assert (shown["start"], shown["end"]) == ("2026-04-01", "2026-12-31")
        assert shown == {
            **loop_figures_shown(figures, exact=False),
            "start": "2026-04-01",
            "end": "2026-12-31",
        }
        assert protected_reader_finds(shown) == []
        again = api_for(board_member).get(f"/api/v1/loop-figures/?{QUARTER}").json()
        assert again["views_recorded"] == shown["views_recorded"]  # the same views: same figure


def test_a_board_member_gets_fixed_periods_only(client_for, api_for, board_member, session):
    """Issue 15: two periods a day apart could be subtracted; a protected reader now gets fixed
    reporting periods only (a 400 from the API, a form error on the page)."""
    craft_loop(session, open_views=3, responded=0, fed_back=3)
    with time_machine.travel(LATER, tick=False):
        refused = api_for(board_member).get("/api/v1/loop-figures/?start=2026-10-01&end=2026-10-15")
        assert refused.status_code == 400
        assert "fixed reporting periods" in refused.json()["start"][0]
        page = client_for(board_member).get(
            reverse("voice:loop-figures"), {"start": "2026-10-01", "end": "2026-10-15"}
        )
        assert "These figures are protected for you" in page.content.decode()
        assert "?start=2026-10-01&amp;end=2026-12-31" in page.content.decode()
        assert api_for(board_member).get(f"/api/v1/loop-figures/?{QUARTER}").status_code == 200


def test_an_organisation_against_its_groups(api_for, board_member, organisation):
    """Issue 15 (and ADR 0004's known limit): a group's "fewer than 5" was the organisation's
    total minus the other groups'. Atoms: each group's views."""
    groups = [factories.GroupFactory(host_organisation=organisation) for _ in range(3)]
    for group, count in zip(groups, (7, 6, 2), strict=True):
        session = factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1))
        craft_loop(session, open_views=count, responded=0, fed_back=0)
    with time_machine.travel(LATER, tick=False):
        api = api_for(board_member)
        answers = [
            (
                tuple(range(3)),
                api.get(f"/api/v1/loop-figures/?{QUARTER}&organisation={organisation.pk}").json(),
            )
        ]
        answers += [
            ((index,), api.get(f"/api/v1/loop-figures/?{QUARTER}&group={group.pk}").json())
            for index, group in enumerate(groups)
        ]
    protected = all(answer.get("exact") is False for _, answer in answers)
    observations = [(atoms, answer["views_recorded"]) for atoms, answer in answers]
    observations += [(atoms, answer["views_not_responded"]) for atoms, answer in answers]
    assert cross_request_pins(3, observations, protected=protected) == []


def test_the_reader_finds_what_primary_suppression_alone_gives_away(officer, session):
    """The checker is not toothless: hiding only counts of 1-4 (the 1 open view), but showing
    6 recorded, 5 responded and 83%, gives the 1 away."""
    craft_loop(session, **CASES["six_five"])
    raw = selectors.loop_figures(user=officer)
    primary_only = {
        **loop_figures_shown(raw, exact=True),
        "views_not_responded": SMALL,
        "views_responded_not_fed_back": 0,
        "ratings": {"helpful": SMALL, "not_sure": 0, "not_helpful": 9, "total": 12},
    }
    assert raw["views_recorded"] == 6 and raw["views_responded"] == 5
    found = reader_finds(primary_only)
    assert ("views", ((0,), 1)) in found
    assert ("ratings", ((0,), 3)) in found
    assert ("views", ((0,), 1)) in protected_reader_finds({**primary_only, "exact": True})


def test_quarters_and_the_year_give_nothing_away(api_for, board_member, organisation):
    """Views add up over quarters (each is recorded on one day): Q2, Q3 and the year to Q3 as
    a board member. Atoms: (quarter, loop stage)."""
    group = factories.GroupFactory(host_organisation=organisation)
    layout = {"2026-08-03": (3, 0, 6), "2026-10-05": (1, 2, 5)}  # open, responded, fed back
    for day, (open_views, responded, fed_back) in layout.items():
        session = factories.SessionFactory(group=group, date=datetime.date.fromisoformat(day))
        craft_loop(session, open_views=open_views, responded=responded, fed_back=fed_back)
    # craft_loop records every view on 1 October: move each session's views to its day.
    for session in group.sessions.all():
        session.views.update(recorded_on=session.date)
    periods = {
        "start=2026-07-01&end=2026-09-30": (0,),
        "start=2026-10-01&end=2026-12-31": (1,),
        "start=2026-04-01&end=2026-12-31": (0, 1),
    }
    observations = []
    protected = True
    with time_machine.travel(LATER, tick=False):
        for query, quarters in periods.items():
            shown = api_for(board_member).get(f"/api/v1/loop-figures/?{query}").json()
            protected = protected and shown.get("exact") is False
            for key, stages in (
                ("views_recorded", (0, 1, 2)),
                ("views_not_responded", (0,)),
                ("views_responded_not_fed_back", (1,)),
                ("views_responded", (1, 2)),
                ("views_fed_back", (2,)),
            ):
                atoms = tuple(3 * q + s for q in quarters for s in stages)
                observations.append((atoms, shown[key]))
    assert protected
    assert dict(observations)[(0, 1, 2, 3, 4, 5)] in (15, 20)  # the year's 17 views
    assert cross_request_pins(6, observations, protected=True) == []


@pytest.mark.parametrize("case", CASES)
def test_the_view_cells_alone_are_the_loop_figures_cells(board_member, session, case):
    """The indicators read only the views' cells (one query): the same cells, keys and all, as
    the loop figures give, for Heard itself and for a reader the policy scopes."""
    craft_loop(session, **CASES[case])
    period = {"start": datetime.date(2026, 4, 1), "end": datetime.date(2026, 12, 31)}
    with time_machine.travel(LATER, tick=False):
        for user in (None, board_member):
            whole = selectors.loop_figures(user=user, cells=True, **period)["cells"]
            views = selectors.loop_view_cells(user=user, **period)
            assert views == {name: whole[name] for name in views}
            assert set(views) == {"views_recorded", "views_responded", "views_fed_back"}
            assert views["views_recorded"].count > 0
