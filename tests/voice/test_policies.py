"""The voice policies: who may read, record, answer and feed back on views, and see the figures.

"A theme lead answers for a view" is defined once (``voice.policies``, from the responsibility
rows): the overdue lists on their home page, the scopes and the permissions all ask it.
"""

import datetime

import pytest

from heard.core.permissions import can
from heard.voice import selectors, services
from heard.voice.models import Response
from tests.voice.conftest import SESSION_DAY, TODAY

EARLY = SESSION_DAY - datetime.timedelta(days=30)


def respond(views, actor=None):
    return services.response_record(
        actor=actor,
        views=views,
        decision_maker="Head of Youth Services",
        outcome=Response.Outcome.CHANGED,
        explanation="The club now opens on Saturdays.",
        plain_language="The club is open on Saturdays now.",
        date=datetime.date(2026, 10, 10),
    )


@pytest.fixture
def untagged(group, organisation):
    """A view given by a group on the theme lead's theme, tagged with no theme."""
    return services.view_record(
        actor=None, text="More buses", group=group, organisation=organisation, recorded_on=EARLY
    )


@pytest.fixture
def tagged(session, theme):
    return services.view_record(
        actor=None,
        text="Quiet room",
        session=session,
        themes=[theme],
        recorded_on=EARLY,
        is_anonymous=True,
    )


def test_theme_lead_may_answer_every_view_in_their_overdue_list(theme_lead, untagged, tagged):
    """The home page's overdue list (``loop_overdue``) holds only views the theme lead may
    answer: an untagged view of a group on their theme was listed and then refused."""
    overdue = list(selectors.loop_overdue(user=theme_lead, today=TODAY)["views_awaiting_response"])
    assert {view.pk for view in overdue} == {untagged.pk, tagged.pk}
    for view in overdue:
        assert can(theme_lead, "voice.add_response", view), view
        assert can(theme_lead, "voice.change_view", view), view


def test_theme_lead_answers_an_untagged_view_of_their_group(theme_lead, untagged):
    response = respond([untagged], actor=theme_lead)
    assert list(response.views.all()) == [untagged]


def test_theme_lead_may_feed_back_on_every_response_owed(theme_lead, untagged, tagged):
    respond([untagged])
    respond([tagged])
    owed = list(selectors.loop_overdue(user=theme_lead, today=TODAY)["responses_awaiting_feedback"])
    assert len(owed) == 2
    for response in owed:
        assert can(theme_lead, "voice.add_feedback", response), response


# --- The role x object matrix ------------------------------------------------------------------

READERS = {"administrator", "lead", "officer", "theme_lead", "safeguarding"}
PROGRAMME = {"administrator", "lead", "officer"}


@pytest.fixture
def users(make_user, organisation, other_organisation, theme_lead):
    from django.contrib.auth.models import AnonymousUser

    from tests.core.policy_matrix import ROLES

    made = {
        name: make_user(
            role,
            organisation=organisation
            if name == "partner"
            else other_organisation
            if name == "other_partner"
            else None,
        )
        for name, role in ROLES.items()
        if name != "theme_lead"
    }
    return {**made, "theme_lead": theme_lead, "anonymous": AnonymousUser()}


@pytest.fixture
def other(other_session, other_theme):
    return services.view_record(
        actor=None, text="Trains", session=other_session, is_anonymous=True, themes=[other_theme]
    )


def test_view_matrix(users, tagged, untagged, other):
    from heard.voice.policies import VIEW_POLICY
    from tests.core.policy_matrix import assert_matrix

    ours = READERS | {"partner"}
    assert_matrix(
        VIEW_POLICY,
        users,
        {
            "view": {
                None: READERS | {"partner", "other_partner"},
                tagged: ours,
                untagged: ours,
                other: READERS | {"other_partner"},
            },
            "add": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                tagged: PROGRAMME | {"theme_lead", "partner"},
                untagged: PROGRAMME | {"partner"},  # no session the theme lead could change
                other: PROGRAMME | {"other_partner"},
            },
            "change": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                tagged: PROGRAMME | {"theme_lead", "partner"},
                untagged: PROGRAMME | {"theme_lead", "partner"},
                other: PROGRAMME | {"other_partner"},
            },
            "respond": {
                None: PROGRAMME | {"theme_lead"},
                tagged: PROGRAMME | {"theme_lead"},
                untagged: PROGRAMME | {"theme_lead"},
                other: PROGRAMME,
            },
        },
    )


def test_response_and_feedback_matrix(users, tagged, other, group):
    from heard.voice.policies import FEEDBACK_POLICY, RESPONSE_POLICY
    from tests.core.policy_matrix import assert_matrix

    ours, theirs = respond([tagged]), respond([other])
    assert_matrix(
        RESPONSE_POLICY,
        users,
        {
            "view": {
                None: READERS | {"partner", "other_partner"},
                ours: READERS | {"partner"},
                theirs: READERS | {"other_partner"},
            },
            "feed_back": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                ours: PROGRAMME | {"theme_lead", "partner"},
                theirs: PROGRAMME | {"other_partner"},
            },
        },
    )
    told = services.feedback_record(
        actor=None, response=ours, date=TODAY, channel="in_person", groups=[group]
    )
    assert_matrix(
        FEEDBACK_POLICY,
        users,
        {"view": {None: READERS | {"partner", "other_partner"}, told: READERS | {"partner"}}},
    )


def test_loop_figures_are_for_every_member_of_staff(users):
    expected = {name for name in users if name != "anonymous"}
    assert {name for name, user in users.items() if can(user, "voice.view_loop_figures")} == (
        expected
    )
    assert can(None, "voice.view_loop_figures")


def test_a_theme_lead_records_views_for_sessions_they_change(theme_lead, session, other_session):
    assert can(theme_lead, "voice.add_view", session)
    assert not can(theme_lead, "voice.add_view", other_session)


def test_nobody_answers_for_an_unsaved_view_or_response(theme_lead, partner_worker):
    from heard.voice.models import View
    from heard.voice.policies import answers_for, answers_for_any

    assert not answers_for(theme_lead, View()) and not answers_for(theme_lead, None)
    assert not answers_for_any(theme_lead, Response()) and not answers_for_any(theme_lead, None)
    assert not can(partner_worker, "voice.add_feedback", Response())


def test_history_of_views_and_responses_asks_the_policies(tagged):
    from heard.core.policies import policy_for

    assert policy_for("voice.view").allows(None, "view", tagged)
    assert policy_for("voice.response").actions == ("view", "feed_back")
    assert policy_for("voice.feedback").actions == ("view",)


def test_see_all_lists_only_the_views_the_theme_lead_answers_for(
    theme_lead, untagged, tagged, other, client_for
):
    """``?status=open&mine=yes`` (where the home page's "See all" should link) lists the views
    of their overdue list, each one they may answer; without it, every view they may read."""
    from django.urls import reverse

    client = client_for(theme_lead)
    url = reverse("voice:view-list") + "?status=open"
    every = client.get(url).context["object_list"]
    mine = client.get(url + "&mine=yes").context["object_list"]
    assert {view.pk for view in every} == {untagged.pk, tagged.pk, other.pk}
    assert {view.pk for view in mine} == {untagged.pk, tagged.pk}
    assert all(can(theme_lead, "voice.add_response", view) for view in mine)


def test_a_partner_worker_answers_for_their_organisations_views(partner_worker, untagged, other):
    from heard.voice.models import View
    from heard.voice.selectors import answered_scope

    assert list(answered_scope(partner_worker, View.objects.all())) == [untagged]
