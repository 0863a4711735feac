"""Exact query counts of the participation pages and API lists: a change that adds a query for
each row, or one more for each page, shows here. Each list is read with few rows and with more:
the same count. A signed-in page starts with three queries (session, user, two-factor device);
the API test client is authenticated without a query."""

import pytest
from django.urls import reverse

from heard.core.roles import Role
from heard.participation.headcounts import Headcount
from heard.participation.models import Method, Standard
from tests import factories

pytestmark = pytest.mark.django_db

SIGNED_IN = 3


def _sessions(group, count, **kwargs):
    """Sessions with every link a row shows: themes, methods, standards, staff, attendees."""
    theme = factories.ThemeFactory()
    method, standard = Method.objects.first(), Standard.objects.first()
    staff = factories.UserFactory()
    made = []
    for _ in range(count):
        session = factories.SessionFactory(group=group, **kwargs)
        session.themes.add(theme)
        session.methods.add(method)
        session.standards.add(standard)
        session.staff_present.add(staff)
        factories.AttendanceFactory(session=session)
        made.append(session)
    return made


def _get(django_assert_num_queries, client, url, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.PARTICIPATION_OFFICER, SIGNED_IN + 9), (Role.PARTNER_WORKER, SIGNED_IN + 9)],
)
def test_session_list(
    client_for, make_user, organisation, group, role, expected, django_assert_num_queries
):
    client = client_for(make_user(role, organisation=organisation))
    url = reverse("participation:session-list")
    for count in (1, 4):
        _sessions(group, count)
        response = _get(django_assert_num_queries, client, url, expected)
    assert len(response.context["page_obj"].object_list) == 5


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.PARTICIPATION_OFFICER, SIGNED_IN + 10), (Role.THEME_LEAD, SIGNED_IN + 10)],
)
def test_monitoring_follow_up_list(
    client_for, make_user, group, role, expected, django_assert_num_queries
):
    client = client_for(make_user(role))
    url = reverse("participation:monitoring-followup")
    for count in (1, 4):
        _sessions(group, count, monitoring_form_complete=False)
        response = _get(django_assert_num_queries, client, url, expected)
    assert len(response.context["page_obj"].object_list) == 5


def test_session_detail(client_for, officer, group, django_assert_num_queries):
    client = client_for(officer)
    (small,) = _sessions(group, 1)
    (large,) = _sessions(group, 1)
    for _ in range(5):
        factories.AttendanceFactory(session=large)
        Headcount.objects.create(session=large, age_band="8_10", count=3, organisation=None)
    for session in (small, large):
        url = reverse("participation:session-detail", args=[session.pk])
        # The headcount's rows with their organisations, and the other groups of a session
        # with several: a query each however many (issue 18).
        _get(django_assert_num_queries, client, url, SIGNED_IN + 9)


def test_api_session_list(api_for, officer, group, django_assert_num_queries):
    api = api_for(officer)
    for count in (1, 4):
        _sessions(group, count)
        with django_assert_num_queries(6):
            response = api.get("/api/v1/sessions/")
        assert response.status_code == 200
    assert response.json()["count"] == 5


def test_api_session_detail(api_for, officer, group, django_assert_num_queries):
    api = api_for(officer)
    (session,) = _sessions(group, 1)
    for _ in range(5):
        factories.AttendanceFactory(session=session)
        Headcount.objects.create(session=session, age_band="8_10", count=3)
    with django_assert_num_queries(8):
        response = api.get(f"/api/v1/sessions/{session.pk}/")
    assert response.status_code == 200
    assert len(response.json()["attendances"]) == 6
    assert [row["count"] for row in response.json()["headcounts"]] == [3] * 5


def test_api_home_counts(api_for, officer, group, django_assert_num_queries):
    api = api_for(officer)
    _sessions(group, 2)
    with django_assert_num_queries(4):
        response = api.get("/api/v1/home-counts/")
    assert response.status_code == 200
