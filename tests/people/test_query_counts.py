"""Exact query counts of the people pages and API lists: a change that adds a query for each row,
or one more for each page, shows here. Each list is read with few rows and with more: the same
count. A signed-in page starts with three queries (session, user, two-factor device); the API
test client is authenticated without a query."""

import pytest
from django.urls import reverse

from heard.core.roles import Role
from tests.factories import (
    AttendanceFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db

SIGNED_IN = 3


def _young_people(organisation, count):
    people = [YoungPersonFactory(organisation=organisation) for _ in range(count)]
    for young_person in people:
        MembershipFactory(young_person=young_person)
        AttendanceFactory(young_person=young_person)
    return people


def _organisations(count):
    for _ in range(count):
        organisation = OrganisationFactory()
        YoungPersonFactory(organisation=organisation)
        organisation.champions.add(UserFactory())
        UserFactory(role=Role.PARTNER_WORKER, organisation=organisation)


def _get(django_assert_num_queries, client, url, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("role", [Role.PARTICIPATION_OFFICER, Role.PARTNER_WORKER])
def test_young_people_list(client_for, make_user, organisation, role, django_assert_num_queries):
    client = client_for(make_user(role, organisation=organisation))
    url = reverse("people:young-person-list")
    # count, the organisations to filter by, the page of rows
    for count in (1, 4):
        _young_people(organisation, count)
        response = _get(django_assert_num_queries, client, url, SIGNED_IN + 3)
    assert len(response.context["page_obj"].object_list) == 5


def test_young_person_detail(client_for, partner_worker, organisation, django_assert_num_queries):
    client = client_for(partner_worker)
    (young_person,) = _young_people(organisation, 1)
    duplicate = YoungPersonFactory(organisation=organisation)
    young_person.possible_duplicate_of.add(duplicate)
    url = reverse("people:young-person-detail", args=[young_person.pk])
    # the record, its recent sessions, its possible duplicates, its groups
    _get(django_assert_num_queries, client, url, SIGNED_IN + 4)
    MembershipFactory(young_person=young_person)
    AttendanceFactory(young_person=young_person)
    _get(django_assert_num_queries, client, url, SIGNED_IN + 4)


@pytest.mark.parametrize(
    ("role", "signed_in"),
    # A board member's sign-in reads no two-factor device (the role needs none).
    [(Role.PARTICIPATION_OFFICER, SIGNED_IN), (Role.BOARD_MEMBER, SIGNED_IN - 1)],
)
def test_organisations_list(client_for, make_user, role, signed_in, django_assert_num_queries):
    client = client_for(make_user(role))
    url = reverse("people:organisation-list")
    # count, the page of rows with their counts of young people
    for count in (1, 3):
        _organisations(count)
        _get(django_assert_num_queries, client, url, signed_in + 2)


@pytest.mark.parametrize("role", [Role.PARTICIPATION_OFFICER, Role.PARTNER_WORKER])
def test_organisation_detail(client_for, make_user, organisation, role, django_assert_num_queries):
    client = client_for(make_user(role, organisation=organisation))
    url = reverse("people:organisation-detail", args=[organisation.pk])
    # the organisation with its count, its champions, its staff
    _get(django_assert_num_queries, client, url, SIGNED_IN + 3)
    organisation.champions.add(UserFactory(), UserFactory())
    UserFactory(role=Role.PARTNER_WORKER, organisation=organisation)
    _get(django_assert_num_queries, client, url, SIGNED_IN + 3)


def test_staff_list(client_for, admin_user, django_assert_num_queries):
    client = client_for(admin_user)
    url = reverse("people:staff-list")
    # count, the organisations to filter by, the page of rows with their organisations
    for count in (1, 3):
        _organisations(count)
        _get(django_assert_num_queries, client, url, SIGNED_IN + 3)


# The API -----------------------------------------------------------------------------------------


def test_api_young_people_list(api_for, officer, organisation, django_assert_num_queries):
    api = api_for(officer)
    # count, the page of rows, their possible duplicates
    for count in (1, 4):
        _young_people(organisation, count)
        response = _get(django_assert_num_queries, api, "/api/v1/young-people/", 3)
    assert response.json()["count"] == 5


def test_api_organisations_list(api_for, officer, django_assert_num_queries):
    api = api_for(officer)
    # count, the page of rows with their counts of young people, their champions
    for count in (1, 3):
        _organisations(count)
        _get(django_assert_num_queries, api, "/api/v1/organisations/", 3)


def test_api_staff_list(api_for, admin_user, django_assert_num_queries):
    api = api_for(admin_user)
    # count, the page of rows
    for count in (1, 3):
        _organisations(count)
        _get(django_assert_num_queries, api, "/api/v1/staff/", 2)
