import pytest

from tests import factories
from tests.rewards.factories import ClaimFactory, ItemFactory


@pytest.fixture
def young_person(organisation):
    return factories.YoungPersonFactory(organisation=organisation, preferred_name="Jo")


@pytest.fixture
def session(organisation):
    return factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))


@pytest.fixture
def claim(organisation, young_person, partner_worker):
    claim = ClaimFactory(
        organisation=organisation, young_person=young_person, submitted_by=partner_worker
    )
    ItemFactory(claim=claim)
    return claim


@pytest.fixture
def portal_client(db, officer):
    """``portal_client(young_person)``: a fresh client signed in to the portal with a new code."""
    from django.test import Client
    from django.urls import reverse

    from heard.portal import services as portal_services

    def sign_in(young_person):
        client = Client()
        _, code = portal_services.sign_in_code_issue(actor=officer, young_person=young_person)
        answer = client.post(reverse("portal:sign-in"), {"code": code})
        assert answer.status_code == 302, answer.content
        return client

    return sign_in


@pytest.fixture
def as_user(db):
    """``as_user(user)``: a fresh client signed in as ``user`` (several at once in one test)."""
    from django.test import Client

    def sign_in(user):
        client = Client()
        client.force_login(user)
        return client

    return sign_in
