import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from heard.portal import services as portal_services
from tests import factories
from tests.opportunities.factories import OpportunityFactory

#: "Now" in these tests: before the factory's closing date (13 November 2026).
NOW = datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def opportunity(organisation):
    return OpportunityFactory(organisation=organisation)


@pytest.fixture
def young_person(organisation):
    return factories.YoungPersonFactory(organisation=organisation)


@pytest.fixture
def portal_client(db, officer):
    """``portal_client(young_person)``: a fresh client signed in to the portal with a new code."""

    def sign_in(young_person):
        client = Client()
        _, code = portal_services.sign_in_code_issue(actor=officer, young_person=young_person)
        answer = client.post(reverse("portal:sign-in"), {"code": code})
        assert answer.status_code == 302, answer.content
        return client

    return sign_in
