"""Budget rounds, proposals, secret ballots and decisions: every write, its checks and its audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from heard.core.models import AuditEntry
from heard.core.roles import AgeBand
from heard.decisions import services
from heard.decisions.models import Ballot, BallotChoice, BallotPaper, BudgetRound, Proposal
from heard.decisions.services import ballots as ballot_services
from heard.groups.models import Theme
from heard.voice.models import Feedback, View
from tests import factories
from tests.decisions.factories import (
    ProposalFactory,
    RoundFactory,
    ThemeVoteFactory,
    close,
    not_yet_open,
    today,
)

DAY = datetime.timedelta(days=1)


def _errors(excinfo):
    return excinfo.value.message_dict


# Rounds ------------------------------------------------------------------------------------------


def test_a_lead_sets_up_a_budget_round_with_who_may_take_part(lead, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    round_ = services.round_create(
        actor=lead,
        title="  Annual event 2027 ",
        opens=today(),
        closes=today() + 10 * DAY,
        proposals_open=today() - 5 * DAY,
        pot="20000",
        organisation=organisation,
        method=BudgetRound.Method.POINTS,
        points_per_voter=10,
        eligible_groups=[group],
        eligible_age_bands=[AgeBand.AGE_14_15, AgeBand.AGE_11_13],
        eligible_areas="Norwich, norwich,\n Cambridge ,",
        eligible_organisations=[organisation],
    )
    assert round_.title == "Annual event 2027"
    assert round_.young_people_pot == Decimal("10000.00")
    assert round_.eligible_age_bands == [AgeBand.AGE_11_13, AgeBand.AGE_14_15]
    assert round_.eligible_areas == ["Norwich", "Cambridge"]
    assert list(round_.eligible_groups.all()) == [group]
    assert round_.stage == BudgetRound.Stage.VOTING
    assert round_.get_stage_display() == "Open for voting"
    entry = AuditEntry.objects.get(event="budget_round.created")
    assert entry.changes["pot"][1] == "20000.00" or entry.changes["pot"][1] in (20000, "20000")


def test_a_theme_vote_needs_its_winners_and_period_and_has_no_pot(lead):
    with pytest.raises(ValidationError) as excinfo:
        services.round_create(
            actor=lead,
            title="Spotlight areas",
            kind=BudgetRound.Kind.THEME_VOTE,
            opens=today(),
            closes=today() + DAY,
        )
    assert set(_errors(excinfo)) == {"winners", "theme_period"}
    round_ = services.round_create(
        actor=lead,
        title="Spotlight areas",
        kind=BudgetRound.Kind.THEME_VOTE,
        opens=today(),
        closes=today() + DAY,
        pot=500,
        winners=6,
        theme_period="2027-28",
    )
    assert round_.pot == 0 and round_.is_theme_vote


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"pot": None}, "pot"),
        ({"pot": "lots"}, "pot"),
        ({"pot": "NaN"}, "pot"),
        ({"pot": -5}, "pot"),
        ({"kind": "lottery"}, "kind"),
        ({"method": "raffle"}, "method"),
        ({"method": BudgetRound.Method.POINTS}, "points_per_voter"),
        ({"closes": datetime.date(2020, 1, 1)}, "closes"),
        ({"proposals_open": datetime.date(2099, 1, 1)}, "proposals_open"),
        ({"eligible_age_bands": ["9_99"]}, "eligible_age_bands"),
        ({"eligible_areas": [3]}, "eligible_areas"),
        ({"eligible_groups": ["a group"]}, "eligible_groups"),
        ({"eligible_organisations": [object()]}, "eligible_organisations"),
        ({"organisation": "Norfolk"}, "organisation"),
        ({"theme": "Mental health"}, "theme"),
        ({"young_people_share": 120}, "young_people_share"),
        ({"title": ""}, "title"),
    ],
)
def test_a_round_with_bad_values_is_refused_with_a_message(lead, values, field):
    arguments = {"title": "Budget", "opens": today(), "closes": today() + DAY, "pot": 100}
    arguments.update(values)
    with pytest.raises(ValidationError) as excinfo:
        services.round_create(actor=lead, **arguments)
    assert field in _errors(excinfo)
    assert not BudgetRound.objects.exists()


def test_only_programme_staff_set_up_rounds(board_member, partner_worker):
    for user in (board_member, partner_worker):
        with pytest.raises(PermissionDenied):
            services.round_create(
                actor=user, title="Budget", opens=today(), closes=today() + DAY, pot=100
            )


def test_a_round_changes_until_someone_votes_then_what_ballots_meant_stays(
    lead, budget_round, proposals, voter
):
    group = factories.GroupFactory()
    changed = services.round_update(
        actor=lead,
        round=budget_round,
        title="Annual event budget",
        method=BudgetRound.Method.POINTS,
        points_per_voter=5,
        eligible_groups=[group],
    )
    assert changed.method == BudgetRound.Method.POINTS
    services.round_update(
        actor=lead,
        round=changed,
        method=BudgetRound.Method.ONE_VOTE,
        eligible_groups=[],
        eligible_areas=["Cambridge"],
    )
    changed.refresh_from_db()
    assert changed.points_per_voter is None
    services.ballot_cast(young_person=voter, round=changed, choices={proposals[0]: 1})
    with pytest.raises(ValidationError) as excinfo:
        services.round_update(
            actor=lead,
            round=changed,
            method=BudgetRound.Method.POINTS,
            points_per_voter=3,
            eligible_groups=[group],
        )
    assert "Young people have already voted" in _errors(excinfo)["method"][0]
    assert "eligible_groups" in _errors(excinfo)
    # The same values, the closing date and the words may still change.
    services.round_update(
        actor=lead,
        round=changed,
        method=BudgetRound.Method.ONE_VOTE,
        eligible_areas=["Cambridge"],
        closes=today() + 20 * DAY,
        description="Now open longer.",
    )
    changed.refresh_from_db()
    assert changed.closes == today() + 20 * DAY


def test_changing_a_round_into_a_theme_vote_checks_it_whole(lead, budget_round):
    with pytest.raises(ValidationError) as excinfo:
        services.round_update(actor=lead, round=budget_round, kind=BudgetRound.Kind.THEME_VOTE)
    assert set(_errors(excinfo)) == {"winners", "theme_period"}
    updated = services.round_update(
        actor=lead,
        round=budget_round,
        kind=BudgetRound.Kind.THEME_VOTE,
        winners=6,
        theme_period="2027-28",
    )
    assert updated.pot == 0
    back = services.round_update(actor=lead, round=updated, kind=BudgetRound.Kind.BUDGET, pot="900")
    assert back.winners is None and back.theme_period == "" and back.pot == 900
    with pytest.raises(ValidationError):
        services.round_update(actor=lead, round=back, pot="a lot")


def test_a_round_is_deleted_only_before_anyone_votes(lead, budget_round, proposals, voter):
    other = RoundFactory()
    ProposalFactory(round=other)
    services.round_delete(actor=lead, round=other)
    assert not BudgetRound.objects.filter(pk=other.pk).exists()
    assert AuditEntry.objects.filter(event="budget_round.deleted").exists()
    services.ballot_cast(young_person=voter, round=budget_round, choices={proposals[0]: 1})
    with pytest.raises(ValidationError, match="cannot be deleted"):
        services.round_delete(actor=lead, round=budget_round)


# Proposals ---------------------------------------------------------------------------------------


def test_staff_add_proposals_for_a_young_person_or_a_group(officer, budget_round, voter):
    group = factories.GroupFactory()
    proposal = services.proposal_add(
        actor=officer,
        round=budget_round,
        title=" Skate park lights ",
        description="Lights so the park is safe after school.",
        cost="4000",
        proposed_by_young_person=voter,
        proposed_by_group=group,
    )
    assert proposal.title == "Skate park lights"
    assert proposal.proposer == "A young person"
    assert AuditEntry.objects.filter(event="proposal.created").count() == 1
    staff_idea = ProposalFactory(round=budget_round, proposed_by_group=group)
    assert staff_idea.proposer == group.name
    assert ProposalFactory(round=budget_round).proposer == "Staff"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"cost": None}, "cost"),
        ({"cost": "0"}, "cost"),
        ({"cost": "ten pounds"}, "cost"),
        ({"cost": "10001"}, "cost"),
        ({"description": "  "}, "description"),
        ({"description": "x" * 2001}, "description"),
        ({"status": Proposal.Status.WITHDRAWN}, "status"),
        ({"proposed_by_young_person": "YP-1"}, "proposed_by_young_person"),
        ({"proposed_by_group": "Buddy Group"}, "proposed_by_group"),
        ({"title": "Duplicate"}, "title"),
    ],
)
def test_a_proposal_with_bad_values_is_refused(officer, budget_round, values, field):
    ProposalFactory(round=budget_round, title="Duplicate")
    arguments = {"title": "New idea", "description": "Plain words.", "cost": 100}
    arguments.update(values)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_add(actor=officer, round=budget_round, **arguments)
    assert field in _errors(excinfo)


def test_a_partner_worker_cannot_name_a_young_person_of_another_organisation(
    partner_worker, organisation
):
    round_ = RoundFactory(organisation=organisation)
    stranger = factories.YoungPersonFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_add(
            actor=partner_worker,
            round=round_,
            title="Idea",
            description="Words.",
            cost=10,
            proposed_by_young_person=stranger,
        )
    assert "proposed_by_young_person" in _errors(excinfo)
    with pytest.raises(PermissionDenied):
        services.proposal_add(
            actor=partner_worker, round=RoundFactory(), title="Idea", description="W", cost=1
        )


def test_theme_vote_options_have_no_cost(officer):
    vote = ThemeVoteFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_add(
            actor=officer, round=vote, title="Mental health", description="W", cost=5
        )
    assert _errors(excinfo)["cost"] == [services.proposals.NO_COST]
    option = services.proposal_add(
        actor=officer, round=vote, title="Mental health", description="Feeling well."
    )
    assert option.cost is None


def test_a_proposal_not_yet_shortlisted_may_have_no_cost_until_it_is(officer, budget_round):
    idea = services.proposal_add(
        actor=officer,
        round=budget_round,
        title="Idea",
        description="Words.",
        status=Proposal.Status.PROPOSED,
    )
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_update(actor=officer, proposal=idea, status=Proposal.Status.SHORTLISTED)
    assert "cost" in _errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_update(actor=officer, proposal=idea, status="funded")
    assert "status" in _errors(excinfo)
    shortlisted = services.proposal_update(
        actor=officer, proposal=idea, status=Proposal.Status.SHORTLISTED, cost="250.50"
    )
    assert shortlisted.cost == Decimal("250.50")
    renamed = services.proposal_update(actor=officer, proposal=shortlisted, title="Better idea")
    assert renamed.title == "Better idea"


def test_once_voting_has_started_costs_and_the_shortlist_stay(officer, proposals, voter):
    round_ = proposals[0].round
    services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
    with pytest.raises(ValidationError, match="started voting"):
        services.proposal_update(actor=officer, proposal=proposals[0], cost=1)
    with pytest.raises(ValidationError, match="started voting"):
        services.proposal_withdraw(actor=officer, proposal=proposals[1])
    with pytest.raises(ValidationError, match="started voting"):
        services.proposal_add(actor=officer, round=round_, title="Late", description="W", cost=1)
    fixed = services.proposal_update(actor=officer, proposal=proposals[0], description="Clearer.")
    assert fixed.description == "Clearer."


def test_a_proposal_is_withdrawn_once(officer, proposals):
    withdrawn = services.proposal_withdraw(actor=officer, proposal=proposals[0])
    assert withdrawn.status == Proposal.Status.WITHDRAWN
    assert AuditEntry.objects.filter(event="proposal.withdrawn").count() == 1
    with pytest.raises(ValidationError, match="already been withdrawn"):
        services.proposal_withdraw(actor=officer, proposal=withdrawn)


def test_a_young_person_proposes_in_the_portal_while_the_round_takes_ideas(organisation, voter):
    round_ = not_yet_open(RoundFactory(organisation=organisation))
    BudgetRound.objects.filter(pk=round_.pk).update(proposals_open=today() - DAY)
    round_.refresh_from_db()
    assert round_.stage == BudgetRound.Stage.PROPOSALS
    idea = services.proposal_propose(
        young_person=voter, round=round_, title="More trips", description="Days out.", cost="300"
    )
    assert idea.status == Proposal.Status.PROPOSED
    assert idea.proposed_by_young_person == voter
    entry = AuditEntry.objects.get(event="proposal.created")
    assert entry.actor_id is None
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_propose(young_person=voter, round=round_, title="", description="")
    assert {"title", "description"} <= set(_errors(excinfo))


def test_a_young_person_cannot_propose_when_they_may_not(organisation, voter):
    round_ = RoundFactory(organisation=organisation, young_people_propose=False)
    with pytest.raises(PermissionDenied, match="not taking ideas"):
        services.proposal_propose(young_person=voter, round=round_, title="T", description="D")
    with pytest.raises(PermissionDenied, match="on the register"):
        services.proposal_propose(young_person=None, round=round_, title="T", description="D")
    closed_to_them = RoundFactory(eligible_age_bands=[AgeBand.AGE_18_25])
    with pytest.raises(PermissionDenied, match="not open to you"):
        services.proposal_propose(
            young_person=voter, round=closed_to_them, title="T", description="D"
        )
    draft = not_yet_open(RoundFactory())
    with pytest.raises(PermissionDenied):
        services.proposal_propose(young_person=voter, round=draft, title="T", description="D")


# Ballots -----------------------------------------------------------------------------------------


def test_a_portal_vote_records_who_voted_apart_from_what_they_chose(proposals, voter):
    round_ = proposals[0].round
    cast = services.ballot_cast(young_person=voter, round=round_, choices={proposals[1].pk: 1})
    ballot = Ballot.objects.get()
    assert ballot.young_person == voter and ballot.origin == Ballot.Origin.PORTAL
    assert ballot.entered_by is None
    paper = BallotPaper.objects.get()
    assert paper.receipt == cast.receipt and len(cast.receipt) == 10
    assert [c.proposal for c in BallotChoice.objects.filter(paper=paper)] == [proposals[1]]
    # Nothing joins the paper to the voter, and the audit log never holds a choice.
    assert {f.name for f in BallotPaper._meta.get_fields()} == {
        "id",
        "round",
        "origin",
        "receipt",
        "choices",
    }
    entry = AuditEntry.objects.get(event="ballot.cast")
    assert entry.changes == {
        "young_person": [None, voter.reference],
        "origin": [None, "portal"],
    }
    assert proposals[1].title not in str(entry.changes) + str(entry.metadata)
    assert cast.receipt not in str(entry.changes) + str(entry.metadata)


def test_a_young_person_cannot_vote_twice_in_the_portal_or_on_paper(officer, proposals, voter):
    round_ = proposals[0].round
    services.ballot_enter(
        actor=officer, round=round_, young_person=voter, choices={proposals[0]: 1}
    )
    ballot = Ballot.objects.get()
    assert ballot.origin == Ballot.Origin.PAPER and ballot.entered_by == officer
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(young_person=voter, round=round_, choices={proposals[1]: 1})
    assert _errors(excinfo)["young_person"] == [
        f"{voter.reference} has already voted in this round (on paper)."
    ]
    with pytest.raises(ValidationError, match=r"\(on paper\)"):
        services.ballot_enter(
            actor=officer, round=round_, young_person=voter, choices={proposals[1]: 1}
        )
    other = factories.YoungPersonFactory(organisation=voter.organisation)
    services.ballot_cast(young_person=other, round=round_, choices={proposals[1]: 1})
    with pytest.raises(ValidationError, match=r"\(in the portal\)"):
        services.ballot_enter(
            actor=officer, round=round_, young_person=other, choices={proposals[1]: 1}
        )
    assert Ballot.objects.count() == BallotPaper.objects.count() == 2


def test_the_database_refuses_a_concurrent_second_ballot(proposals, voter, monkeypatch):
    round_ = proposals[0].round
    services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
    # A second request that read "not voted" before the first was saved.
    monkeypatch.setattr(ballot_services.selectors, "ballot_of", lambda round_, person: None)
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(young_person=voter, round=round_, choices={proposals[1]: 1})
    assert "has already voted" in _errors(excinfo)["young_person"][0]
    assert Ballot.objects.count() == BallotPaper.objects.count() == 1
    with pytest.raises(IntegrityError):
        Ballot.objects.create(round=round_, young_person=voter, origin=Ballot.Origin.PAPER)


def test_an_ineligible_young_person_cannot_vote(organisation, voter, proposals):
    round_ = proposals[0].round
    for criterion in (
        {"eligible_age_bands": [AgeBand.AGE_16_17]},
        {"eligible_areas": ["Norwich"]},
    ):
        BudgetRound.objects.filter(pk=round_.pk).update(**criterion)
        round_.refresh_from_db()
        with pytest.raises(ValidationError) as excinfo:
            services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
        assert _errors(excinfo)["young_person"] == [ballot_services.NOT_ELIGIBLE]
    BudgetRound.objects.filter(pk=round_.pk).update(eligible_age_bands=[], eligible_areas=[])
    round_.refresh_from_db()
    round_.eligible_organisations.set([factories.OrganisationFactory()])
    with pytest.raises(ValidationError):
        services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
    round_.eligible_organisations.set([])
    group = factories.GroupFactory()
    round_.eligible_groups.set([group])
    with pytest.raises(ValidationError):
        services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
    factories.MembershipFactory(group=group, young_person=voter)
    services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
    inactive = factories.YoungPersonFactory(is_active=False)
    round_.eligible_groups.set([])
    with pytest.raises(ValidationError):
        services.ballot_cast(young_person=inactive, round=round_, choices={proposals[0]: 1})
    with pytest.raises(PermissionDenied):
        services.ballot_cast(young_person=None, round=round_, choices={proposals[0]: 1})


def test_voting_only_while_the_round_is_open(officer, proposals, voter):
    round_ = proposals[0].round
    for moved in (not_yet_open(round_), close(round_)):
        with pytest.raises(ValidationError) as excinfo:
            services.ballot_cast(young_person=voter, round=moved, choices={proposals[0]: 1})
        assert _errors(excinfo)["__all__"] == [ballot_services.NOT_OPEN]
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    "choices",
    [{}, "p0p1", "p0:2", "bad-id", "other-round", "withdrawn", "negative", "text"],
)
def test_one_vote_each_means_exactly_one_proposal(proposals, voter, choices):
    round_ = proposals[0].round
    withdrawn = ProposalFactory(round=round_, status=Proposal.Status.WITHDRAWN)
    elsewhere = ProposalFactory()
    given = {
        "p0p1": {proposals[0]: 1, proposals[1]: 1},
        "p0:2": {proposals[0]: 2},
        "bad-id": {"seven": 1},
        "other-round": {elsewhere: 1},
        "withdrawn": {withdrawn: 1},
        "negative": {proposals[0]: -1},
        "text": {proposals[0]: "one"},
    }.get(choices if isinstance(choices, str) else "", {})
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(young_person=voter, round=round_, choices=given)
    assert "choices" in _errors(excinfo)
    assert not Ballot.objects.exists() and not BallotPaper.objects.exists()


def test_points_are_whole_and_at_most_the_voters_points(proposals, voter):
    round_ = proposals[0].round
    BudgetRound.objects.filter(pk=round_.pk).update(
        method=BudgetRound.Method.POINTS, points_per_voter=10
    )
    round_.refresh_from_db()
    for bad, message in (
        ({proposals[0]: 6, proposals[1]: 5}, "You gave 11 points: you have 10"),
        ({proposals[0]: 0}, "Give your 10 points"),
        ({proposals[0]: 2.5}, "whole number"),
        ({proposals[0]: True}, "whole number"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.ballot_cast(young_person=voter, round=round_, choices=bad)
    services.ballot_cast(
        young_person=voter,
        round=round_,
        choices={proposals[0]: "6", proposals[1]: 4, proposals[2]: "0"},
    )
    assert sorted(BallotChoice.objects.values_list("points", flat=True)) == [4, 6]


def test_a_worker_enters_paper_ballots_only_for_young_people_they_may_see(
    partner_worker, organisation, proposals
):
    round_ = proposals[0].round
    stranger = factories.YoungPersonFactory()
    with pytest.raises(ValidationError, match="you can see"):
        services.ballot_enter(
            actor=partner_worker, round=round_, young_person=stranger, choices={proposals[0]: 1}
        )
    board = factories.UserFactory(role="board_member")
    with pytest.raises(PermissionDenied):
        services.ballot_enter(
            actor=board, round=round_, young_person=stranger, choices={proposals[0]: 1}
        )


# Deciding and telling ----------------------------------------------------------------------------


def _vote(round_, choices_by_proposal):
    """``{proposal: number of voters}``: that many young people each vote for it on paper."""
    for proposal, voters in choices_by_proposal.items():
        for _ in range(voters):
            person = factories.YoungPersonFactory(organisation=round_.organisation)
            services.ballot_enter(
                actor=None, round=round_, young_person=person, choices={proposal: 1}
            )


def test_deciding_a_budget_round_records_the_response_and_tells_every_voter(
    lead, organisation, proposals, voter
):
    round_ = proposals[0].round
    proposer = factories.YoungPersonFactory(organisation=organisation)
    Proposal.objects.filter(pk=proposals[0].pk).update(proposed_by_young_person=proposer)
    services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
    _vote(round_, {proposals[1]: 2})
    with pytest.raises(ValidationError, match="once voting has closed"):
        services.round_decide(
            actor=lead,
            round=round_,
            chosen=[proposals[0]],
            decision_maker="The annual event",
            explanation="Funded.",
            plain_language="You chose it.",
            date=today(),
        )
    close(round_)
    with pytest.raises(ValidationError) as excinfo:
        services.round_decide(
            actor=lead,
            round=round_,
            chosen=[proposals[0], proposals[1], proposals[2]],
            decision_maker="The annual event",
            explanation="All of it.",
            plain_language="All of it.",
            date=today(),
        )
    assert "more than the £10,000.00" in _errors(excinfo)["chosen"][0]
    response = services.round_decide(
        actor=lead,
        round=round_,
        chosen=[proposals[0], proposals[1]],
        decision_maker="Young people at the annual event",
        explanation="The two ideas with most votes are funded from the young people's half.",
        plain_language="You chose the skate park lights and the drop-in. We are paying for them.",
        date=today(),
    )
    round_.refresh_from_db()
    assert round_.stage == BudgetRound.Stage.DECIDED and round_.response == response
    assert set(Proposal.objects.filter(chosen=True)) == {proposals[0], proposals[1]}
    view = round_.view
    assert view.status == View.Status.RESPONDED
    voters = set(Ballot.objects.values_list("young_person_id", flat=True))
    assert set(view.young_people.values_list("pk", flat=True)) == voters | {proposer.pk}
    assert "Skate park" not in view.text  # the view says nothing of anyone's choice
    # Nor a count: its readers (the voters in the portal, staff) may not all read figures exact.
    assert (
        view.text
        == f"Young people's votes and ideas in “{round_.title}”. Who chose what is secret."
    )
    feedback = services.round_tell(actor=lead, round=round_, date=today())
    assert feedback.channel == Feedback.Channel.PORTAL
    assert set(feedback.young_people.values_list("pk", flat=True)) == voters | {proposer.pk}
    view.refresh_from_db()
    assert view.status == View.Status.FED_BACK
    assert AuditEntry.objects.filter(event="budget_round.decided").count() == 1
    with pytest.raises(ValidationError, match="already been decided"):
        services.round_decide(
            actor=lead,
            round=round_,
            chosen=[proposals[0]],
            decision_maker="x",
            explanation="x",
            plain_language="x",
            date=today(),
        )
    with pytest.raises(ValidationError, match="been decided"):
        services.round_update(actor=lead, round=round_, title="Renamed")
    with pytest.raises(ValidationError, match="been decided"):
        services.proposal_update(actor=lead, proposal=proposals[0], title="Renamed")
    with pytest.raises(ValidationError, match="been decided"):
        services.proposal_withdraw(actor=lead, proposal=proposals[2])


def test_a_decision_needs_its_choices_an_owner_and_a_date_after_closing(lead, officer):
    round_ = RoundFactory(organisation=None)
    idea = ProposalFactory(round=round_)
    elsewhere = ProposalFactory()
    close(round_)
    with pytest.raises(PermissionDenied):
        services.round_decide(
            actor=officer,
            round=round_,
            chosen=[idea],
            decision_maker="x",
            explanation="x",
            plain_language="x",
            date=today(),
        )
    with pytest.raises(ValidationError) as excinfo:
        services.round_decide(
            actor=lead,
            round=round_,
            chosen=[],
            decision_maker="x",
            explanation="x",
            plain_language="x",
            date=today() - 30 * DAY,
        )
    assert set(_errors(excinfo)) == {"chosen", "organisation", "date"}
    with pytest.raises(ValidationError) as excinfo:
        services.round_decide(
            actor=lead,
            round=round_,
            chosen=[elsewhere],
            decision_maker="x",
            explanation="x",
            plain_language="x",
            date=today(),
            organisation=factories.OrganisationFactory(),
        )
    assert set(_errors(excinfo)) == {"chosen"}
    # Nobody voted or proposed: the view is anonymous, and there is nobody to tell.
    services.round_decide(
        actor=lead,
        round=round_,
        chosen=[idea],
        decision_maker="The panel",
        explanation="Funded.",
        plain_language="We are paying for it.",
        date=today(),
        organisation=factories.OrganisationFactory(),
    )
    round_.refresh_from_db()
    assert round_.view.is_anonymous
    with pytest.raises(ValidationError):
        services.round_tell(actor=lead, round=round_, date=today())


def test_telling_comes_after_deciding(lead, budget_round):
    with pytest.raises(ValidationError, match="Record the decision"):
        services.round_tell(actor=lead, round=budget_round, date=today())


def test_a_theme_vote_with_nine_options_creates_the_six_winning_themes(lead, organisation):
    vote = ThemeVoteFactory(organisation=organisation)
    options = [
        ProposalFactory(round=vote, title=title, cost=None)
        for title in (
            "Youth justice",
            "Asylum and trafficking",
            "A fair life",
            "Mental health",
            "Enjoying education and leisure",
            "Staying safe",
            "Bullying",
            "Transport",
            "Climate",
        )
    ]
    _vote(vote, dict(zip(options, [9, 8, 7, 6, 5, 4, 3, 2, 1], strict=True)))
    close(vote)
    from heard.decisions import selectors

    winners = selectors.leading(vote, vote.winners)
    assert [w.title for w in winners] == [o.title for o in options[:6]]
    with pytest.raises(ValidationError, match="Choose the 6 options"):
        services.round_decide(
            actor=lead,
            round=vote,
            chosen=winners[:5],
            decision_maker="x",
            explanation="x",
            plain_language="x",
            date=today(),
        )
    factories.ThemeFactory(title="Staying safe", period="2027-28")
    with pytest.raises(ValidationError, match="already a theme for 2027-28 called Staying safe"):
        services.round_decide(
            actor=lead,
            round=vote,
            chosen=winners,
            decision_maker="x",
            explanation="x",
            plain_language="x",
            date=today(),
        )
    Theme.objects.filter(title="Staying safe").delete()
    services.round_decide(
        actor=lead,
        round=vote,
        chosen=winners,
        decision_maker="Young people at the annual event",
        explanation="The six options with most votes are next year's Spotlight areas.",
        plain_language="You chose next year's six Spotlight areas.",
        date=today(),
    )
    created = Theme.objects.filter(period="2027-28")
    assert sorted(created.values_list("title", flat=True)) == sorted(o.title for o in options[:6])
    assert all(theme.lead is None for theme in created)  # each then given a lead on its page
    assert Proposal.objects.filter(round=vote, theme__isnull=False).count() == 6
