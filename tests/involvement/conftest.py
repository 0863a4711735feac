import pytest

from tests import factories
from tests.involvement.factories import ActivityFactory, EvaluationFactory


@pytest.fixture
def activity(organisation):
    return ActivityFactory(organisation=organisation)


@pytest.fixture
def session(organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    return factories.SessionFactory(group=group, title="Takeover Day 2026")


@pytest.fixture
def attendee(session, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation)
    factories.AttendanceFactory(session=session, young_person=young_person)
    return young_person


@pytest.fixture
def evaluation(session):
    return EvaluationFactory(session=session)
