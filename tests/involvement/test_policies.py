"""The involvement policies, role by role, with scopes that agree with the object answers."""

import pytest

from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.core.roles import Role
from heard.involvement import policies
from heard.involvement.models import Evaluation, InvolvementActivity
from tests import factories
from tests.core.policy_matrix import ROLES, assert_matrix, make_users
from tests.involvement.factories import ActivityFactory, EvaluationFactory

PROGRAMME = {"administrator", "lead", "officer"}


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role=Role.PARTICIPATION_LEAD)


def test_activities_are_kept_by_programme_staff_and_their_organisations_partner(
    users, organisation, other_organisation
):
    own = ActivityFactory(organisation=organisation)
    other = ActivityFactory(organisation=other_organisation)
    assert_matrix(
        policies.ACTIVITIES,
        users,
        {
            "view": {
                None: PROGRAMME | {"board", "partner", "other_partner"},
                own: PROGRAMME | {"board", "partner"},
                other: PROGRAMME | {"board", "other_partner"},
            },
            "add": {None: PROGRAMME | {"partner", "other_partner"}},
            "change": {own: PROGRAMME | {"partner"}, other: PROGRAMME | {"other_partner"}},
            "delete": {own: PROGRAMME | {"partner"}, other: PROGRAMME | {"other_partner"}},
        },
    )


def test_evaluations_follow_their_session(users, organisation, other_organisation):
    own_session = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=organisation)
    )
    own = EvaluationFactory(session=own_session)
    other = EvaluationFactory(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=other_organisation)
        )
    )
    readers = PROGRAMME | {"theme_lead", "safeguarding"}
    writers = PROGRAMME | {"theme_lead"}
    assert_matrix(
        policies.EVALUATIONS,
        users,
        {
            "view": {
                None: readers | {"partner", "other_partner"},
                own: readers | {"partner"},
                other: readers | {"other_partner"},
            },
            "add": {None: writers | {"partner", "other_partner"}},
            "change": {own: writers | {"partner"}, other: writers | {"other_partner"}},
            "delete": {own: writers | {"partner"}, other: writers | {"other_partner"}},
        },
    )
    # Adding is asked of the session too.
    assert policies.EVALUATIONS.allows(users["partner"], "add", own_session)
    assert not policies.EVALUATIONS.allows(users["other_partner"], "add", own_session)


def test_the_permissions_ask_the_policies(users, organisation):
    activity = ActivityFactory(organisation=organisation)
    for name, user in users.items():
        may = name in PROGRAMME | {"board", "partner"}
        assert can(user, "involvement.view_involvementactivity", activity) is may
    assert policy_for(InvolvementActivity) is policies.ACTIVITIES
    assert policy_for(Evaluation) is policies.EVALUATIONS
    assert set(ROLES) <= set(users)
