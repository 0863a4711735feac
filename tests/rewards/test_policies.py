"""The rewards policies, role by role, with scopes that agree with the object answers."""

import pytest

from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.core.roles import Role
from heard.rewards import policies
from heard.rewards.models import ExpenseClaim, PartnerInvoice, Recognition, SessionHours
from tests import factories
from tests.core.policy_matrix import ROLES, assert_matrix, make_users
from tests.rewards.factories import ClaimFactory, InvoiceFactory, RecognitionFactory

PROGRAMME = {"administrator", "lead", "officer"}
APPROVERS = {"administrator", "lead"}
READERS = PROGRAMME | {"theme_lead", "safeguarding"}
STAFF = set(ROLES)


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role=Role.PARTICIPATION_LEAD)


def test_recognitions_follow_their_young_person(users, organisation, other_organisation):
    own = RecognitionFactory(young_person=factories.YoungPersonFactory(organisation=organisation))
    other = RecognitionFactory(
        young_person=factories.YoungPersonFactory(organisation=other_organisation)
    )
    assert_matrix(
        policies.RECOGNITIONS,
        users,
        {
            "view": {
                None: READERS | {"partner", "other_partner"},
                own: READERS | {"partner"},
                other: READERS | {"other_partner"},
            },
            "add": {None: PROGRAMME | {"partner", "other_partner"}},
            "change": {own: PROGRAMME | {"partner"}, other: PROGRAMME | {"other_partner"}},
            "delete": {own: PROGRAMME | {"partner"}, other: PROGRAMME | {"other_partner"}},
        },
    )
    # Giving is asked of the young person too.
    assert policies.RECOGNITIONS.allows(users["partner"], "add", own.young_person)
    assert not policies.RECOGNITIONS.allows(users["other_partner"], "add", own.young_person)


def test_session_hours_are_read_with_the_session_and_set_by_programme_staff(
    users, organisation, other_organisation
):
    own = SessionHours.objects.create(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=organisation)
        ),
        hours=3,
    )
    other = SessionHours.objects.create(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=other_organisation)
        ),
        hours=2,
    )
    assert_matrix(
        policies.SESSION_HOURS,
        users,
        {
            "view": {own: READERS | {"partner"}, other: READERS | {"other_partner"}},
            "change": {None: PROGRAMME, own: PROGRAMME, other: PROGRAMME},
        },
    )
    assert policies.SESSION_HOURS.allows(users["partner"], "view", own.session)
    assert policies.SESSION_HOURS.allows(users["officer"], "view")
    assert not policies.SESSION_HOURS.allows(users["anonymous"], "view")


def test_default_hours_are_read_by_staff_and_changed_by_a_lead(users):
    assert_matrix(
        policies.HOURS_DEFAULTS,
        users,
        {"view": {None: STAFF}, "change": {None: APPROVERS}},
    )


@pytest.mark.parametrize(
    ("policy", "factory", "mine"),
    [
        (policies.CLAIMS, ClaimFactory, "submitted_by"),
        (policies.INVOICES, InvoiceFactory, "recorded_by"),
    ],
)
def test_money_is_approved_by_a_lead_who_did_not_submit_it(
    users, organisation, other_organisation, policy, factory, mine
):
    own = factory(organisation=organisation)
    other = factory(organisation=other_organisation)
    leads_own = factory(organisation=organisation, **{mine: users["lead"]})
    assert_matrix(
        policy,
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
            "approve": {
                None: APPROVERS,
                own: APPROVERS,
                other: APPROVERS,
                leads_own: {"administrator"},
            },
            "pay": {None: PROGRAMME, own: PROGRAMME, leads_own: PROGRAMME},
        },
    )


def test_nobody_approves_a_claim_for_their_own_costs(users, organisation):
    theirs = ClaimFactory(organisation=organisation, young_person=None, claimant=users["lead"])
    assert not policies.CLAIMS.allows(users["lead"], "approve", theirs)
    assert policies.CLAIMS.allows(users["administrator"], "approve", theirs)
    assert_matrix(policies.CLAIMS, users, {"approve": {theirs: {"administrator"}}})


def test_the_permissions_ask_the_policies(users, organisation):
    claim = ClaimFactory(organisation=organisation)
    for name, user in users.items():
        assert can(user, "rewards.approve_expenseclaim", claim) is (name in APPROVERS)
    assert policy_for(Recognition) is policies.RECOGNITIONS
    assert policy_for(ExpenseClaim) is policies.CLAIMS
    assert policy_for(PartnerInvoice) is policies.INVOICES
    assert set(ROLES) <= set(users)
