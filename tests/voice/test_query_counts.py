"""Exact query counts of the voice pages and API lists, the same for three rows as for six.

A signed-in page starts with three queries (the session, the user, their two-factor device); an
API request with a forced user with none."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from heard.voice import services
from heard.voice.models import Response
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def loop(session, group, theme, members):
    """``add()`` records a view of the group's session, a response and its feedback."""

    def add(feed_back=True):
        view = services.view_record(
            actor=None, text="More buses", session=session, themes=[theme], young_people=members
        )
        response = services.response_record(
            actor=None,
            views=[view],
            decision_maker="Head of Youth Services",
            outcome=Response.Outcome.CHANGED,
            explanation="The club now opens on Saturdays.",
            plain_language="The club is open on Saturdays now.",
            date=datetime.date(2026, 10, 20),
        )
        factories.EvidenceFactory(view=view)
        if not feed_back:
            return view, response
        services.feedback_record(
            actor=None,
            response=response,
            date=datetime.date(2026, 11, 2),
            channel="letter",
            groups=[group],
        )
        return view, response

    return add


def count(django_assert_num_queries, client, url, expected):
    with django_assert_num_queries(expected):
        got = client.get(url)
    assert got.status_code == 200, got.content[:300]


def twice(loop, check):
    """``check()`` with one view fed back and one owed feedback, then with three of each."""
    loop(), loop(feed_back=False)
    check()
    for _ in range(2):
        loop(), loop(feed_back=False)
    check()


#: The loop figures' median: one query more on SQLite than on PostgreSQL (``percentile_cont``).
MEDIAN = 0 if connection.vendor == "postgresql" else 1
#: Each page's queries after the three of signing in (the session, the user, their device).
PAGES = {
    "voice:view-list": 7,
    "voice:feedback-owed": 10,
    "voice:loop-figures": 8 + MEDIAN,  # + young people told by message (heard.messaging)
}
#: The API lists (a forced user: no sign-in queries).
API = {
    "/api/v1/views/": 5,
    "/api/v1/responses/": 8,
    "/api/v1/feedback/": 4,
    "/api/v1/loop-figures/": 3 + MEDIAN,
}
ROLES = ["officer", "theme_lead", "partner_worker"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_list_pages(request, role, name, loop, client_for, django_assert_num_queries):
    client = client_for(request.getfixturevalue(role))
    twice(loop, lambda: count(django_assert_num_queries, client, reverse(name), 3 + PAGES[name]))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", sorted(API))
def test_api_lists(request, role, url, loop, api_for, django_assert_num_queries):
    api = api_for(request.getfixturevalue(role))
    twice(loop, lambda: count(django_assert_num_queries, api, url, API[url]))


#: The detail pages: (page, signed-in queries after the three of signing in, by role).
#: A theme lead's answer to "may they respond (or feed back)" reads their responsibility row;
#: a partner worker's "may they feed back" reads the response's views.
DETAILS = {
    "voice:view-detail": {"officer": 8, "theme_lead": 9, "partner_worker": 8},
    "voice:response-detail": {"officer": 6, "theme_lead": 7, "partner_worker": 7},
    "voice:young-person-journey": {"officer": 6, "theme_lead": 6, "partner_worker": 6},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(DETAILS))
def test_detail_pages(request, role, name, loop, members, client_for, django_assert_num_queries):
    client = client_for(request.getfixturevalue(role))

    def check():
        view, response = loop()
        pk = {"voice:view-detail": view.pk, "voice:response-detail": response.pk}.get(
            name, members[0].pk
        )
        count(django_assert_num_queries, client, reverse(name, args=[pk]), 3 + DETAILS[name][role])

    twice(loop, check)


@pytest.mark.parametrize("role", ROLES)
def test_a_response_page_reads_the_same_with_or_without_rows(
    request, role, session, group, theme, members, client_for, django_assert_num_queries
):
    """A response to one anonymous view (no givers named) never fed back, and one answering
    three views with givers, fed back twice to people and groups: the same queries (Django
    would skip the prefetches of the feedback's links when there is no feedback)."""
    client = client_for(request.getfixturevalue(role))

    def respond(views):
        return services.response_record(
            actor=None,
            views=views,
            decision_maker="Head of Youth Services",
            outcome=Response.Outcome.CHANGED,
            explanation="The club now opens on Saturdays.",
            plain_language="The club is open on Saturdays now.",
            date=datetime.date(2026, 10, 20),
        )

    bare = respond(
        [
            services.view_record(
                actor=None, text="Quieter rooms", session=session, group=group, is_anonymous=True
            )
        ]
    )
    full = respond(
        [
            services.view_record(
                actor=None, text=f"More buses {n}", session=session, young_people=members
            )
            for n in range(3)
        ]
    )
    for day, told in ((datetime.date(2026, 11, 2), members[:2]), (datetime.date(2026, 11, 9), [])):
        services.feedback_record(
            actor=None, response=full, date=day, channel="letter", young_people=told, groups=[group]
        )
    expected = 3 + DETAILS["voice:response-detail"][role]
    for response in (bare, full):
        count(
            django_assert_num_queries,
            client,
            reverse("voice:response-detail", args=[response.pk]),
            expected,
        )
    page = client.get(reverse("voice:response-detail", args=[full.pk])).content.decode()
    assert members[0].reference in page and "Riverside Buddy Group" in page
