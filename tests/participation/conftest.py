import datetime

import pytest
import time_machine

from heard.groups.models import Group
from tests import factories

#: Every participation test runs on 15 October 2026: partnership year from 1 April 2026,
#: calendar quarter October to December.
TODAY = datetime.date(2026, 10, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def group(organisation):
    return factories.GroupFactory(host_organisation=organisation, name="Riverside Buddy Group")


@pytest.fixture
def members(group):
    return [
        factories.MembershipFactory(group=group).young_person,
        factories.MembershipFactory(group=group).young_person,
    ]


@pytest.fixture
def other_group(other_organisation):
    return factories.GroupFactory(
        host_organisation=other_organisation,
        name="Hillside Youth Council",
        kind=Group.Kind.YOUTH_COUNCIL,
    )


@pytest.fixture
def theme(theme_lead):
    return factories.ThemeFactory(title="Mental health", lead=theme_lead)


@pytest.fixture
def theme_group(theme, other_organisation):
    """A group working on a theme the theme lead leads (hosted by another organisation)."""
    group = factories.GroupFactory(host_organisation=other_organisation, name="Amplify")
    factories.GroupThemeFactory(group=group, theme=theme)
    return group
