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
    overdue = list(
        selectors.loop_overdue(user=theme_lead, today=TODAY)["views_awaiting_response"]
    )
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
