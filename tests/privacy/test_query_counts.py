"""Exact query counts of privacy's pages and API lists, the same for a few rows as for more.

A signed-in page starts with three queries (the session, the user, the two-factor device)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from heard.core.roles import AgeBand
from heard.privacy import services
from tests import factories

NOW = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
SIGNED_IN = 3
#: Reach's tallies: one GROUPING SETS query on PostgreSQL, two GROUP BYs elsewhere.
TALLIES = 1 if connection.vendor == "postgresql" else 2


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def subject(db, officer, organisation):
    return factories.YoungPersonFactory(organisation=organisation, age_band=AgeBand.AGE_16_17)


def add_rows(officer, subject, round_):
    """More of everything the pages list: consents, benchmark shares, targets."""
    purposes = ["equality_data", "photographs", "quotes", "publishing", "sharing", "taking_part"]
    for purpose in purposes[round_ * 3 : round_ * 3 + 3]:
        services.consent_record(
            actor=officer,
            young_person=subject,
            purpose=purpose,
            given_by="parent_or_carer",
            given_on=datetime.date(2026, 9, 1),
            how="written",
        )
    services.equality_record_save(
        actor=officer, young_person=subject, religion=["none", "sikh"][round_]
    )
    for value in (f"Town {round_}a", f"Town {round_}b"):
        services.benchmark_share_save(
            actor=officer, characteristic="area", value=value, share=5, area=value
        )
        services.least_heard_target_save(
            actor=officer,
            group="named",
            name=value,
            characteristic="area",
            value=value,
            target=5,
            start="2026-04-01",
            end="2027-03-31",
        )


def _get(django_assert_num_queries, client, url, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # the young person, their consents, whether photographs are allowed, an anonymisation
        ("privacy:consents", 4),
        # the young person, the equality record and the audit entry of its read (in a
        # savepoint), the consent
        ("privacy:equality", 6),
        # the young person
        ("privacy:subject-access", 1),
        # the young person, an anonymisation
        ("privacy:erase", 2),
    ],
)
def test_a_young_persons_privacy_pages(
    client_for, officer, subject, name, expected, django_assert_num_queries
):
    client = client_for(officer)
    url = reverse(name, args=[subject.pk])
    for round_ in (0, 1):
        add_rows(officer, subject, round_)
        _get(django_assert_num_queries, client, url, SIGNED_IN + expected)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # the tallies (a period from the year's start reads the summary), the benchmarks,
        # the targets, the organisations of the form
        ("privacy:reach", 3 + TALLIES),
        # count, page
        ("privacy:benchmarks", 2),
        ("privacy:targets", 2),
    ],
)
def test_reach_and_its_lists(
    client_for, officer, subject, name, expected, django_assert_num_queries
):
    client = client_for(officer)
    for round_ in (0, 1):
        add_rows(officer, subject, round_)
        _get(django_assert_num_queries, client, reverse(name), SIGNED_IN + expected)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # count, page (signed in by token: no session)
        ("/api/v1/consents/", 2),
        # as the reach page, without its form's organisations
        ("/api/v1/reach/", 2 + TALLIES),
    ],
)
def test_the_api_lists(api_for, officer, subject, url, expected, django_assert_num_queries):
    client = api_for(officer)
    for round_ in (0, 1):
        add_rows(officer, subject, round_)
        with django_assert_num_queries(expected):
            response = client.get(url)
        assert response.status_code == 200, response.content
