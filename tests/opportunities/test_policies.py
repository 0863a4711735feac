"""The opportunity policies, role by role, with scopes that agree with the object answers."""

import pytest

from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.core.roles import Role
from heard.opportunities import policies
from heard.opportunities.models import Opportunity, SignUp
from tests.core.policy_matrix import ROLES, assert_matrix, make_users
from tests.opportunities.factories import OpportunityFactory, SignUpFactory

PROGRAMME = {"administrator", "lead", "officer"}


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role=Role.PARTICIPATION_LEAD)


def test_opportunities_are_kept_by_programme_staff_and_their_organisations_partner(
    users, organisation, other_organisation
):
    own = OpportunityFactory(organisation=organisation)
    other = OpportunityFactory(organisation=other_organisation)
    readers = PROGRAMME | {"theme_lead", "safeguarding", "board"}
    assert_matrix(
        policies.OPPORTUNITIES,
        users,
        {
            "view": {
                None: readers | {"partner", "other_partner"},
                own: readers | {"partner"},
                other: readers | {"other_partner"},
            },
            "add": {None: PROGRAMME | {"partner", "other_partner"}},
            "change": {own: PROGRAMME | {"partner"}, other: PROGRAMME | {"other_partner"}},
            "delete": {own: PROGRAMME | {"partner"}, other: PROGRAMME | {"other_partner"}},
        },
    )


def test_sign_ups_name_young_people_so_few_see_them(users, organisation, other_organisation):
    own = SignUpFactory(opportunity=OpportunityFactory(organisation=organisation))
    other = SignUpFactory(opportunity=OpportunityFactory(organisation=other_organisation))
    assert_matrix(
        policies.SIGN_UPS,
        users,
        {
            "view": {
                None: PROGRAMME | {"safeguarding", "partner", "other_partner"},
                own: PROGRAMME | {"safeguarding", "partner"},
                other: PROGRAMME | {"safeguarding", "other_partner"},
            },
            "add": {None: PROGRAMME | {"partner", "other_partner"}},
            "change": {own: PROGRAMME | {"partner"}, other: PROGRAMME | {"other_partner"}},
        },
    )
    # Adding is asked of the opportunity too.
    assert policies.SIGN_UPS.allows(users["partner"], "add", own.opportunity)
    assert not policies.SIGN_UPS.allows(users["other_partner"], "add", own.opportunity)


def test_the_permissions_ask_the_policies(users, organisation):
    opportunity = OpportunityFactory(organisation=organisation)
    for name, user in users.items():
        may = name in PROGRAMME | {"board", "partner", "theme_lead", "safeguarding"}
        assert can(user, "opportunities.view_opportunity", opportunity) is may
    assert policy_for(Opportunity) is policies.OPPORTUNITIES
    assert policy_for(SignUp) is policies.SIGN_UPS
    assert set(ROLES) <= set(users)
