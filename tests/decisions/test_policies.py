"""The budget round, proposal and ballot policies, role by role, with scopes that agree."""

import pytest

from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.core.roles import Role
from heard.decisions import policies
from heard.decisions.models import Ballot, BudgetRound, Proposal
from tests import factories
from tests.core.policy_matrix import ROLES, assert_matrix, make_users
from tests.decisions.factories import ProposalFactory, RoundFactory

PROGRAMME = {"administrator", "lead", "officer"}
STAFF = set(ROLES) - {"other_partner"}


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role=Role.PARTICIPATION_LEAD)


@pytest.fixture
def rounds(organisation, other_organisation):
    return {
        "partnership": RoundFactory(organisation=None),
        "own": RoundFactory(organisation=organisation),
        "other": RoundFactory(organisation=other_organisation),
    }


def test_rounds_are_read_by_staff_and_kept_by_the_programme(users, rounds):
    everyone = set(ROLES)
    assert_matrix(
        policies.BUDGET_ROUNDS,
        users,
        {
            "view": {
                None: everyone,
                rounds["partnership"]: everyone,
                rounds["own"]: everyone - {"other_partner"},
                rounds["other"]: everyone - {"partner"},
            },
            "add": {None: PROGRAMME},
            "change": {None: PROGRAMME, rounds["own"]: PROGRAMME},
            "delete": {None: PROGRAMME, rounds["other"]: PROGRAMME},
            "decide": {None: {"administrator", "lead"}, rounds["own"]: {"administrator", "lead"}},
            "verify": {None: {"administrator", "lead"}, rounds["own"]: {"administrator", "lead"}},
        },
    )


def test_proposals_follow_their_round(users, rounds):
    own = ProposalFactory(round=rounds["own"])
    other = ProposalFactory(round=rounds["other"])
    shared = ProposalFactory(round=rounds["partnership"])
    everyone = set(ROLES)
    assert_matrix(
        policies.PROPOSALS,
        users,
        {
            "view": {
                None: everyone,
                own: everyone - {"other_partner"},
                other: everyone - {"partner"},
                shared: everyone,
            },
            "add": {None: PROGRAMME | {"partner", "other_partner"}},
            "change": {
                own: PROGRAMME | {"partner"},
                other: PROGRAMME | {"other_partner"},
                shared: PROGRAMME,
            },
        },
    )
    assert policies.PROPOSALS.allows(users["partner"], "add", rounds["own"])
    assert not policies.PROPOSALS.allows(users["partner"], "add", rounds["partnership"])


def test_ballots_who_voted_are_read_and_entered_by_the_programme_and_own_partner(
    users, rounds, organisation, other_organisation
):
    own = Ballot.objects.create(
        round=rounds["own"],
        young_person=factories.YoungPersonFactory(organisation=organisation),
        origin=Ballot.Origin.PAPER,
    )
    other = Ballot.objects.create(
        round=rounds["other"],
        young_person=factories.YoungPersonFactory(organisation=other_organisation),
        origin=Ballot.Origin.PORTAL,
    )
    assert_matrix(
        policies.BALLOTS,
        users,
        {
            "view": {
                None: PROGRAMME | {"partner", "other_partner"},
                own: PROGRAMME | {"partner"},
                other: PROGRAMME | {"other_partner"},
            },
            "add": {own: PROGRAMME | {"partner"}, other: PROGRAMME | {"other_partner"}},
        },
    )
    assert not policies.BALLOTS.allows(users["partner"], "add", rounds["partnership"])
    assert policies.BALLOTS.allows(users["partner"], "add", rounds["own"])


def test_the_permissions_ask_the_policies(users, rounds):
    for name, user in users.items():
        assert can(user, "decisions.view_budgetround", rounds["own"]) is (
            name in STAFF and name != "other_partner"
        )
    assert policy_for(BudgetRound) is policies.BUDGET_ROUNDS
    assert policy_for(Proposal) is policies.PROPOSALS
    assert policy_for(Ballot) is policies.BALLOTS


def test_a_partner_worker_does_not_learn_which_of_another_organisations_young_people_voted(
    users, rounds, organisation, other_organisation
):
    """A round of the partner's organisation may let others vote (by area, age band or group):
    who voted among young people the worker may not open is not theirs to read."""
    visitor = Ballot.objects.create(
        round=rounds["own"],
        young_person=factories.YoungPersonFactory(organisation=other_organisation),
        origin=Ballot.Origin.PORTAL,
    )
    assert_matrix(policies.BALLOTS, users, {"view": {visitor: PROGRAMME}})
    assert not policies.BALLOTS.scope(users["partner"], "view").filter(pk=visitor.pk).exists()
