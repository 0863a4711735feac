"""The plans policies, role by role: programme staff write every plan, a partner worker their
own organisation's, theme leads, safeguarding leads and board members read; the scopes agree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from heard.plans import policies
from tests import factories
from tests.core.policy_matrix import ROLES, assert_matrix

PROGRAMME = {"administrator", "lead", "officer"}
READERS = PROGRAMME | {"theme_lead", "safeguarding", "board"}


@pytest.fixture
def users(db, organisation, other_organisation):
    made = {}
    for name, role in ROLES.items():
        org = {"partner": organisation, "other_partner": other_organisation}.get(name)
        made[name] = factories.UserFactory(role=role, organisation=org)
    made["anonymous"] = AnonymousUser()
    made["inactive"] = factories.UserFactory(role=ROLES["lead"], is_active=False)
    return made


@pytest.mark.parametrize("record", ["plan", "outcome", "action", "review"])
def test_each_record_follows_its_plans_organisation(users, plan, outcome, action, record):
    from heard.plans import services

    review = services.action_review_add(
        actor=None, action=action, date=action.created_at.date(), progress="on_track"
    )
    obj, policy = {
        "plan": (plan, policies.PLAN),
        "outcome": (outcome, policies.OUTCOME),
        "action": (action, policies.ACTION),
        "review": (review, policies.REVIEW),
    }[record]
    own_writers = PROGRAMME | {"partner"}
    assert_matrix(
        policy,
        users,
        {
            "view": {None: READERS | {"partner", "other_partner"}, obj: READERS | {"partner"}},
            "add": {None: PROGRAMME | {"partner", "other_partner"}, obj: own_writers},
            "change": {None: PROGRAMME | {"partner", "other_partner"}, obj: own_writers},
            "delete": {None: PROGRAMME | {"partner", "other_partner"}, obj: own_writers},
        },
    )


def test_a_partner_worker_without_an_organisation_sees_no_plan(db, plan):
    worker = factories.UserFactory.build(role=ROLES["partner"], organisation=None)
    assert not policies.PLAN.scope(worker, "view").exists()
    assert not policies.PLAN.allows(worker, "view", plan)
