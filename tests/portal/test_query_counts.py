"""Exact query counts of the portal's pages: the young person's own pages, the staff page of a
young person's codes, and the public "You said, we did" page. A young person's page starts with
two queries (the session, and the young person through the code that opened it)."""

import pytest
from django.urls import reverse

from heard.portal import services
from tests import factories


def _get(django_assert_num_queries, client, url, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response


@pytest.mark.parametrize(
    "name, expected",
    [
        # their views, the views' themes, the responses, the dates they were told, ratings
        ("portal:home", 2 + 5),
        # the sessions they took part in
        ("portal:sessions", 2 + 1),
    ],
)
def test_the_young_persons_pages(world, portal_client, name, expected, django_assert_num_queries):
    client = portal_client(world.amara)
    _get(django_assert_num_queries, client, reverse(name), expected)
    # More views and sessions of theirs: the same count.
    for _ in range(3):
        session = factories.SessionFactory(group=world.riverside)
        factories.AttendanceFactory(session=session, young_person=world.amara)
        view = factories.ViewFactory(session=session, young_people=[world.amara])
        factories.FeedbackFactory(response=factories.ResponseFactory(views=[view]))
    _get(django_assert_num_queries, client, reverse(name), expected)


def test_the_codes_page(world, client_for, django_assert_num_queries):
    for _ in range(3):
        services.sign_in_code_issue(actor=world.officer, young_person=world.amara)
    client = client_for(world.officer)
    url = reverse("portal:codes", args=[world.amara.pk])
    # signed in (session, user, two-factor device), the young person, their codes
    _get(django_assert_num_queries, client, url, 3 + 2)


@pytest.mark.parametrize("theme", [False, True])
def test_the_public_page(world, client, theme, django_assert_num_queries):
    url = reverse("portal:public")
    if theme:
        url = reverse("portal:public-theme", args=[world.views.published.themes.get().pk])
    # count, page of views, their themes, their responses, the partnership, the themes
    _get(django_assert_num_queries, client, url, 6)
