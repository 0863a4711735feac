"""Reads: rounds in scope, who is eligible, results only once closed (with the disclosure policy),
the verification of the count, and the portal's rounds, each in a fixed number of queries."""

import pytest
from django.http import Http404

from heard.core.roles import AgeBand
from heard.core.suppression import SMALL
from heard.decisions import selectors, services
from heard.decisions.models import BudgetRound, Proposal
from tests import factories
from tests.decisions.factories import ProposalFactory, RoundFactory, close, not_yet_open


def _votes(round_, proposal, how_many, *, origin="paper"):
    people = []
    for _ in range(how_many):
        person = factories.YoungPersonFactory(organisation=round_.organisation)
        if origin == "paper":
            services.ballot_enter(
                actor=None, round=round_, young_person=person, choices={proposal: 1}
            )
        else:
            services.ballot_cast(young_person=person, round=round_, choices={proposal: 1})
        people.append(person)
    return people


def test_rounds_in_scope_carry_their_counts_in_one_query(
    partner_worker, organisation, other_organisation, proposals, count_queries
):
    own = proposals[0].round
    RoundFactory(organisation=other_organisation)
    shared = RoundFactory(organisation=None)
    ProposalFactory(round=own, status=Proposal.Status.WITHDRAWN)
    _votes(own, proposals[0], 2)
    queries, rows = count_queries(lambda: list(selectors.rounds_visible_to(partner_worker)))
    assert queries == 1
    assert {row.pk for row in rows} == {own.pk, shared.pk}
    mine = next(row for row in rows if row.pk == own.pk)
    assert (mine.ballot_count, mine.proposal_count) == (2, 3)
    assert mine.ballots_exist
    assert selectors.round_get(partner_worker, own.pk) == own
    with pytest.raises(Http404):
        selectors.round_get(partner_worker, "x")
    assert selectors.proposal_get(partner_worker, proposals[1].pk) == proposals[1]
    with pytest.raises(Http404):
        selectors.proposal_get(
            partner_worker, ProposalFactory(round=RoundFactory(organisation=other_organisation)).pk
        )


def test_eligibility_by_group_age_band_area_and_organisation(organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    member = factories.YoungPersonFactory(
        organisation=organisation, age_band=AgeBand.AGE_14_15, area="Norwich"
    )
    factories.MembershipFactory(group=group, young_person=member)
    wrong_band = factories.YoungPersonFactory(organisation=organisation, area="Norwich")
    factories.MembershipFactory(group=group, young_person=wrong_band)
    not_member = factories.YoungPersonFactory(
        organisation=organisation, age_band=AgeBand.AGE_14_15, area="Norwich"
    )
    round_ = RoundFactory(eligible_age_bands=[AgeBand.AGE_14_15], eligible_areas=["norwich"])
    round_.eligible_groups.set([group])
    round_.eligible_organisations.set([organisation])
    assert list(selectors.eligible_young_people(round_)) == [member]
    assert selectors.is_eligible(round_, member)
    assert not selectors.is_eligible(round_, not_member)
    summary = dict(selectors.eligible_summary(round_))
    assert summary == {
        "Groups": group.name,
        "Age bands": "14 to 15",
        "Areas": "norwich",
        "Organisations": organisation.name,
    }
    assert dict(selectors.eligible_summary(RoundFactory()))["Groups"] == "Any"


def test_no_running_tally_while_open_then_results_for_every_role(
    lead, board_member, partner_worker, organisation, proposals, count_queries
):
    round_ = proposals[0].round
    ProposalFactory(round=round_, status=Proposal.Status.WITHDRAWN)  # not in the results
    _votes(round_, proposals[0], 7)
    _votes(round_, proposals[1], 2, origin="portal")
    factories.YoungPersonFactory(organisation=organisation)  # eligible, did not vote
    for user in (lead, board_member, partner_worker):
        assert selectors.results(user, round_) is None
    assert selectors.leading(round_, 2) == []
    close(round_)
    queries, exact = count_queries(lambda: selectors.results(lead, round_))
    assert queries == 6  # choices, proposals, ballots, eligibility's groups, organisations, count
    assert exact.exact
    assert [(row.proposal, row.voters, row.points) for row in exact.rows] == [
        (proposals[0], 7, 7),
        (proposals[1], 2, 2),
        (proposals[2], 0, 0),
    ]
    assert (exact.ballots, exact.eligible, exact.turnout) == (9, 10, 90.0)
    protected = selectors.results(board_member, round_)
    assert not protected.exact and protected.turnout is None
    by_proposal = {row.proposal: row for row in protected.rows}
    assert by_proposal[proposals[1]].voters in (SMALL, 5)
    assert by_proposal[proposals[2]].voters == 0
    assert by_proposal[proposals[0]].voters in (5, 10)
    assert protected.ballots in (5, 10)
    # A partner worker of the round's organisation reads its records: exact.
    assert selectors.results(partner_worker, round_).exact
    other = factories.UserFactory(
        role="partner_worker", organisation=factories.OrganisationFactory()
    )
    assert selectors.results(other, round_) is None


def test_the_count_is_verified_without_saying_who_chose_what(proposals, count_queries):
    round_ = proposals[0].round
    _votes(round_, proposals[0], 2)
    _votes(round_, proposals[1], 1, origin="portal")
    queries, checked = count_queries(lambda: selectors.verification(round_))
    assert queries == 2 and checked.receipts == []  # no receipts while voting is open
    assert checked.matches
    assert checked.rows == [("Portal", 1, 1), ("Paper (entered by staff)", 2, 2)]
    close(round_)
    queries, checked = count_queries(lambda: selectors.verification(round_))
    assert queries == 3
    assert len(checked.receipts) == 3 and checked.receipts == sorted(checked.receipts)


def test_voters_to_enter_are_eligible_visible_and_not_yet_voted(
    partner_worker, organisation, proposals
):
    round_ = proposals[0].round
    voted = _votes(round_, proposals[0], 1)[0]
    waiting = factories.YoungPersonFactory(organisation=organisation)
    factories.YoungPersonFactory()  # another organisation's: not the partner's to enter
    assert list(selectors.voters_to_enter(partner_worker, round_)) == [waiting]
    assert selectors.ballot_of(round_, voted) is not None
    assert selectors.ballot_of(round_, waiting) is None
    assert [b.young_person for b in selectors.round_ballots(partner_worker, round_)] == [voted]


def test_the_portal_lists_rounds_open_to_the_young_person(organisation, voter, count_queries):
    group = factories.GroupFactory(host_organisation=organisation)
    factories.MembershipFactory(group=group, young_person=voter)
    open_round = RoundFactory()
    open_round.eligible_groups.set([group])
    idea = ProposalFactory(round=open_round)
    services.ballot_cast(young_person=voter, round=open_round, choices={idea: 1})
    for_others = RoundFactory(eligible_areas=["Norwich"])
    other_org = RoundFactory()
    other_org.eligible_organisations.set([factories.OrganisationFactory()])
    other_group = RoundFactory()
    other_group.eligible_groups.set([factories.GroupFactory()])
    not_yet_open(RoundFactory())
    closed = close(RoundFactory(eligible_age_bands=[voter.age_band]))
    queries, rows = count_queries(lambda: selectors.portal_rounds(voter))
    assert queries == 4
    assert [row.pk for row in rows] == [open_round.pk, closed.pk]
    assert [row.my_ballot for row in rows] == [True, False]
    assert selectors.portal_round_get(voter, closed.pk) == closed
    for hidden in (for_others, other_org, other_group):
        with pytest.raises(Http404):
            selectors.portal_round_get(voter, hidden.pk)
    voter.is_active = False
    voter.save()
    assert selectors.portal_rounds(voter) == []


def test_the_round_stage_follows_its_dates(budget_round):
    assert budget_round.stage == BudgetRound.Stage.VOTING
    assert not_yet_open(budget_round).stage == BudgetRound.Stage.DRAFT
    assert close(budget_round).stage == BudgetRound.Stage.CLOSED
    assert budget_round.has_results
    assert str(budget_round) == budget_round.title
    assert budget_round.age_band_labels() == []
