"""Exact query counts of the safeguarding pages and API lists: a change that adds a query for
each row, or one more for each page, shows here. Each list is read with few rows and with more:
the same count. A signed-in page starts with three queries (session, user, two-factor device);
the API test client is authenticated without a query."""

import datetime

import pytest
from django.urls import reverse

from heard.participation.concerns import SessionConcern
from tests import factories

pytestmark = pytest.mark.django_db

SIGNED_IN = 3
API = "/api/v1/"


def _concerns(count):
    for _ in range(count):
        concern = factories.ConcernFactory(assigned_to=factories.UserFactory())
        SessionConcern.objects.create(concern=concern, session=factories.SessionFactory())


def _get(django_assert_num_queries, client, url, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response


def test_concern_list_and_csv(client_for, safeguarding_lead, django_assert_num_queries):
    client = client_for(safeguarding_lead)
    url = reverse("safeguarding:concern-list")
    # count, the page of rows, its reads audited (one insert and the savepoint pair), waiting
    for count in (1, 4):
        _concerns(count)
        _get(django_assert_num_queries, client, url, SIGNED_IN + 6)
    # the count up to the background-job threshold (heard.jobs: no more than 10,001 rows read),
    # the rows and their reads audited (savepoint pair, one insert); the file streams after
    _get(django_assert_num_queries, client, f"{url}?format=csv", SIGNED_IN + 5)


def test_concern_detail(client_for, safeguarding_lead, django_assert_num_queries):
    _concerns(1)
    concern = factories.ConcernFactory()
    client = client_for(safeguarding_lead)
    url = reverse("safeguarding:concern-detail", args=[concern.pk])
    # the concern, the read audited (savepoint pair, insert), waiting, the trail's count and
    # page, the values kept for its changes
    _get(django_assert_num_queries, client, url, SIGNED_IN + 8)


@pytest.mark.parametrize(
    "name", ["safeguarding:check-list", "safeguarding:checks-due", "safeguarding:training-list"]
)
def test_checks_and_training_lists(client_for, officer, name, django_assert_num_queries):
    client = client_for(officer)
    url = reverse(name)
    expected = {
        "safeguarding:check-list": SIGNED_IN + 2,  # count, page
        "safeguarding:checks-due": SIGNED_IN + 2,  # checks due, staff without a current one
        "safeguarding:training-list": SIGNED_IN + 2,  # count, page
    }[name]
    for count in (1, 4):
        for _ in range(count):
            factories.BackgroundCheckFactory(renewal_due=datetime.date(2026, 10, 20))
            factories.TrainingRecordFactory()
        _get(django_assert_num_queries, client, url, expected)


@pytest.mark.parametrize("name", ["safeguarding:check-edit", "safeguarding:training-edit"])
def test_edit_pages(client_for, officer, name, django_assert_num_queries):
    record = (
        factories.BackgroundCheckFactory()
        if name == "safeguarding:check-edit"
        else factories.TrainingRecordFactory()
    )
    url = reverse(name, args=[record.pk])
    # the record, the staff to choose from
    _get(django_assert_num_queries, client_for(officer), url, SIGNED_IN + 2)


def test_api_lists(api_for, safeguarding_lead, officer, django_assert_num_queries):
    api = api_for(safeguarding_lead)
    for count in (1, 4):
        _concerns(count)
        factories.BackgroundCheckFactory()
        factories.TrainingRecordFactory()
        # count, page, the reads audited (savepoint pair, one insert)
        _get(django_assert_num_queries, api, f"{API}safeguarding-concerns/", 5)
        _get(django_assert_num_queries, api_for(officer), f"{API}background-checks/", 2)
        _get(django_assert_num_queries, api_for(officer), f"{API}training-records/", 2)


def test_a_role_without_the_list_is_refused_before_any_query(
    api_for, officer, client_for, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert api_for(officer).get(f"{API}safeguarding-concerns/").status_code == 403
    assert client_for(officer).get(reverse("safeguarding:concern-list")).status_code == 403
