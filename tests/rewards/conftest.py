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
