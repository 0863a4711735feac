"""Exact query counts of the groups pages and API lists: a change that adds a query per row, or
one more per page, fails here (the counts do not grow with rows: see the selectors' tests)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def world(organisation, theme_lead):
    theme = factories.ThemeFactory(lead=theme_lead)
    groups = []
    for n in range(3):
        group = factories.GroupFactory(host_organisation=organisation, name=f"Group {n}")
        group.leads.add(theme_lead)
        factories.GroupThemeFactory(group=group, theme=theme)
        factories.MembershipFactory.create_batch(2, group=group)
        factories.SessionFactory(group=group, date=datetime.date(2026, 10, n + 1))
        groups.append(group)
    factories.ThemeReviewFactory(theme=theme)
    return {"theme": theme, "groups": groups}


PAGES = {
    "theme-list": lambda w: reverse("groups:theme-list"),
    "theme-detail": lambda w: reverse("groups:theme-detail", args=[w["theme"].pk]),
    "group-list": lambda w: reverse("groups:group-list"),
    "group-detail": lambda w: reverse("groups:group-detail", args=[w["groups"][0].pk]),
    "calendar": lambda w: reverse("groups:calendar"),
    "api-themes": lambda w: "/api/v1/themes/",
    "api-groups": lambda w: "/api/v1/groups/",
    "api-group": lambda w: f"/api/v1/groups/{w['groups'][0].pk}/",
    "api-memberships": lambda w: "/api/v1/memberships/",
}

#: (page, reader): queries. A page reads the session, the user and their two-factor device; the
#: list pages read the filters' choices and the theme warnings; a protected reader's member
#: counts are read for the page's groups (the API: one group, then every group, ADR 0008); a
#: group's page reads its latest sessions for a reader of sessions (not a board member).
EXPECTED = {
    ("theme-list", "officer"): 12,
    ("theme-detail", "officer"): 10,
    ("group-list", "officer"): 13,
    ("group-list", "board_member"): 13,
    ("group-detail", "officer"): 9,
    ("group-detail", "board_member"): 7,
    ("calendar", "officer"): 7,
    ("calendar", "theme_lead"): 7,
    ("api-themes", "officer"): 3,
    ("api-groups", "officer"): 4,
    ("api-groups", "board_member"): 7,
    ("api-group", "officer"): 5,
    ("api-memberships", "officer"): 2,
    ("api-memberships", "partner_worker"): 2,
}


@pytest.mark.parametrize(("page", "reader"), list(EXPECTED))
def test_queries(request, world, client_for, api_for, django_assert_num_queries, page, reader):
    user = request.getfixturevalue(reader)
    url = PAGES[page](world)
    client = api_for(user) if page.startswith("api") else client_for(user)
    with django_assert_num_queries(EXPECTED[(page, reader)]):
        response = client.get(url)
    assert response.status_code == 200
