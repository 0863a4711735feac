"""The portal's policy: who may give, see and take back a young person's sign-in codes.

The staff who may change the young person's record: programme staff for everyone, a partner
worker for their own organisation's young people only; nobody else, whatever the object.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from heard.core.permissions import can
from heard.portal import policies, services
from tests import factories
from tests.core.policy_matrix import ROLES, assert_matrix

PROGRAMME = {"administrator", "lead", "officer"}


@pytest.fixture
def users(db, organisation, other_organisation):
    made = {}
    for name, role in ROLES.items():
        org = {"partner": organisation, "other_partner": other_organisation}.get(name)
        made[name] = factories.UserFactory(role=role, organisation=org)
    made["anonymous"] = AnonymousUser()
    return made


def test_sign_in_codes_follow_the_young_persons_record(users, organisation, other_organisation):
    ours = factories.YoungPersonFactory(organisation=organisation)
    theirs = factories.YoungPersonFactory(organisation=other_organisation)
    our_code, _ = services.sign_in_code_issue(actor=None, young_person=ours)
    their_code, _ = services.sign_in_code_issue(actor=None, young_person=theirs)
    table = {
        None: PROGRAMME | {"partner", "other_partner"},
        our_code: PROGRAMME | {"partner"},
        their_code: PROGRAMME | {"other_partner"},
    }
    assert_matrix(policies.CODES, users, {"view": table, "add": table, "change": table})


def test_the_young_person_stands_for_their_codes(users, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation)
    assert can(users["partner"], "portal.add_signincode", young_person)
    assert not can(users["other_partner"], "portal.add_signincode", young_person)
    assert not can(users["theme_lead"], "portal.add_signincode", young_person)
