"""The safeguarding policies, role by role: who may raise and handle concerns, and keep checks.

Every staff role is in the table, a partner worker of another organisation included, and the
scopes agree with the object answers (``assert_matrix``).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.safeguarding import policies, selectors
from heard.safeguarding.models import BackgroundCheck, Concern, TrainingRecord
from tests import factories
from tests.core.policy_matrix import ROLES, assert_matrix

EVERYONE = set(ROLES)
PROGRAMME = {"administrator", "lead", "officer"}


@pytest.fixture
def users(db, organisation, other_organisation):
    made = {}
    for name, role in ROLES.items():
        org = {"partner": organisation, "other_partner": other_organisation}.get(name)
        made[name] = factories.UserFactory(role=role, organisation=org)
    made["anonymous"] = AnonymousUser()
    made["inactive"] = factories.UserFactory(role=ROLES["safeguarding"], is_active=False)
    return made


def test_concerns_are_raised_by_any_staff_and_handled_by_safeguarding_leads(users, organisation):
    concern = factories.ConcernFactory(
        young_person=factories.YoungPersonFactory(organisation=organisation)
    )
    assert_matrix(
        policies.CONCERNS,
        users,
        {
            "add": {None: EVERYONE},
            "view": {None: {"safeguarding"}, concern: {"safeguarding"}},
            "change": {None: {"safeguarding"}, concern: {"safeguarding"}},
        },
    )


@pytest.mark.parametrize("model", [BackgroundCheck, TrainingRecord])
def test_checks_and_training_are_kept_by_programme_staff(users, model):
    factory = {
        BackgroundCheck: factories.BackgroundCheckFactory,
        TrainingRecord: factories.TrainingRecordFactory,
    }[model]
    own = factory(staff=users["partner"])
    other = factory(staff=users["other_partner"])
    policy = policy_for(model)
    assert_matrix(
        policy,
        users,
        {
            "view": {None: PROGRAMME | {"safeguarding"}, own: PROGRAMME | {"safeguarding"}},
            "add": {None: PROGRAMME},
            "change": {None: PROGRAMME, own: PROGRAMME, other: PROGRAMME},
        },
    )


def test_the_permissions_and_the_selectors_ask_the_policies(users):
    concern = factories.ConcernFactory()
    for name, user in users.items():
        may = name == "safeguarding"
        assert can(user, "safeguarding.view_concern", concern) is may
        assert (concern in selectors.concerns_visible_to(user)) is may
    assert policy_for("safeguarding.concern") is policies.CONCERNS


def test_heard_itself_may_do_everything(db):
    assert policies.CONCERNS.allows(None, "change")
    concern = factories.ConcernFactory()
    assert list(policies.CONCERNS.scope(None, "view", Concern.objects.all())) == [concern]
