"""The resources policies, role by role, with scopes that agree with the object answers."""

import pytest

from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.core.roles import Role
from heard.resources import policies
from heard.resources.models import Resource, SessionResource
from tests import factories
from tests.core.policy_matrix import ROLES, assert_matrix, make_users
from tests.resources.factories import ResourceFactory, SessionResourceFactory

PROGRAMME = {"administrator", "lead", "officer"}
STAFF = PROGRAMME | {"theme_lead", "partner", "other_partner", "safeguarding", "board"}


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role=Role.PARTICIPATION_LEAD)


def test_staff_read_the_published_library_and_keep_their_own(
    users, organisation, other_organisation
):
    shared = ResourceFactory()
    own_draft = ResourceFactory(organisation=organisation, published=False)
    other = ResourceFactory(organisation=other_organisation)
    assert_matrix(
        policies.RESOURCES,
        users,
        {
            "view": {
                None: STAFF,
                shared: STAFF,
                own_draft: PROGRAMME | {"partner"},
                other: STAFF,
            },
            "add": {None: PROGRAMME | {"partner", "other_partner"}},
            "change": {
                shared: PROGRAMME,
                own_draft: PROGRAMME | {"partner"},
                other: PROGRAMME | {"other_partner"},
            },
            "delete": {shared: PROGRAMME, own_draft: PROGRAMME | {"partner"}},
        },
    )


def test_a_sessions_resources_follow_the_session(users, organisation, other_organisation):
    own = SessionResourceFactory(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=organisation)
        )
    )
    other = SessionResourceFactory(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=other_organisation)
        )
    )
    readers = PROGRAMME | {"theme_lead", "safeguarding"}
    assert_matrix(
        policies.SESSION_RESOURCES,
        users,
        {
            "view": {
                None: readers | {"partner", "other_partner"},
                own: readers | {"partner"},
                other: readers | {"other_partner"},
            },
            "add": {None: PROGRAMME | {"theme_lead", "partner", "other_partner"}},
            "delete": {own: PROGRAMME | {"partner"}, other: PROGRAMME | {"other_partner"}},
        },
    )
    assert policies.SESSION_RESOURCES.allows(users["partner"], "add", own.session)
    assert not policies.SESSION_RESOURCES.allows(users["other_partner"], "add", own.session)


def test_the_permissions_ask_the_policies(users):
    resource = ResourceFactory()
    for name, user in users.items():
        assert can(user, "resources.view_resource", resource) is (name in STAFF)
    assert policy_for(Resource) is policies.RESOURCES
    assert policy_for(SessionResource) is policies.SESSION_RESOURCES
    assert set(ROLES) <= set(users)
