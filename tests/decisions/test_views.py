"""The budgets and votes pages, role by role: lists with export, the round's page (no running
tally while open), set-up, proposals, paper ballots, the count, deciding, telling, the portal."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from heard.core.roles import Role
from heard.decisions import selectors, services
from heard.decisions.models import Ballot, BallotPaper, BudgetRound, Proposal
from heard.decisions.views.portal import RECEIPT_KEY
from heard.groups.models import Theme
from heard.portal import services as portal_services
from heard.voice.models import View
from tests import factories
from tests.decisions.factories import ProposalFactory, RoundFactory, ThemeVoteFactory, close, today


def _url(name, *args):
    return reverse(f"decisions:{name}", args=args)


@pytest.fixture
def portal_client(db, officer):
    def sign_in(young_person):
        client = Client()
        _, code = portal_services.sign_in_code_issue(actor=officer, young_person=young_person)
        answer = client.post(reverse("portal:sign-in"), {"code": code})
        assert answer.status_code == 302
        return client

    return sign_in


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


# The list ----------------------------------------------------------------------------------------


def test_the_list_shows_rounds_with_search_filters_and_exports(
    client_for, officer, proposals, count_queries
):
    round_ = proposals[0].round
    RoundFactory(title="Other business")
    client = client_for(officer)
    answer = client.get(_url("round-list"))
    assert answer.status_code == 200
    assert round_.title in answer.content.decode()
    found = client.get(_url("round-list"), {"q": "annual", "stage": "voting", "kind": "budget"})
    assert round_.title in found.content.decode()
    assert "Other business" not in found.content.decode()
    for stage in ("draft", "proposals", "closed", "decided"):
        assert round_.title not in client.get(_url("round-list"), {"stage": stage}).content.decode()
    csv = client.get(_url("round-list"), {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    body = b"".join(csv.streaming_content).decode()
    assert "Young people decide" in body and round_.title in body
    xlsx = client.get(_url("round-list"), {"format": "xlsx"})
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    queries, _ = count_queries(lambda: client.get(_url("round-list")))
    RoundFactory()
    RoundFactory()
    more, _ = count_queries(lambda: client.get(_url("round-list")))
    assert more == queries


def test_the_list_is_for_staff_and_empty_says_so(client_for, board_member, client):
    assert "No budget rounds" in client_for(board_member).get(_url("round-list")).content.decode()
    assert client.logout() is None
    assert Client().get(_url("round-list")).status_code == 302
    nobody = factories.UserFactory(role="")
    assert client_for(nobody).get(_url("round-list")).status_code == 403


# The round's page --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.PARTICIPATION_LEAD, 200),
        (Role.PARTICIPATION_OFFICER, 200),
        (Role.THEME_LEAD, 200),
        (Role.SAFEGUARDING_LEAD, 200),
        (Role.BOARD_MEMBER, 200),
        ("partner", 200),
        ("other_partner", 404),
    ],
)
def test_the_round_page_by_role(
    client_for, make_user, organisation, other_organisation, budget_round, role, status
):
    if role == "partner":
        user = make_user(Role.PARTNER_WORKER, organisation=organisation)
    elif role == "other_partner":
        user = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
    else:
        user = make_user(role)
    assert client_for(user).get(_url("round-detail", budget_round.pk)).status_code == status


#: One ballot as a board member sees it (protected, ADR 0008): never the exact 1.
PROTECTED_ONE_BALLOT = ["Fewer than 5 ballots cast", "5 ballots cast"]


def test_no_running_tally_while_open_only_the_number_of_ballots(
    client_for, lead, board_member, proposals, voter
):
    round_ = proposals[0].round
    services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
    for user, counts in ((lead, ["1 ballot cast"]), (board_member, PROTECTED_ONE_BALLOT)):
        page = client_for(user).get(_url("round-detail", round_.pk)).content.decode()
        assert any(count in page for count in counts)
        assert 'id="results"' not in page
    close(round_)
    page = client_for(lead).get(_url("round-detail", round_.pk)).content.decode()
    assert 'id="results"' in page and "(100.0%)" in page
    board = client_for(board_member).get(_url("round-detail", round_.pk)).content.decode()
    assert "fewer than 5" in board or "Counts are protected" in board
    assert "(100.0%)" not in board


# Setting up, changing and deleting ---------------------------------------------------------------


def test_an_officer_sets_up_a_round_and_bad_input_loses_nothing(client_for, officer, organisation):
    client = client_for(officer)
    assert client.get(_url("round-create")).status_code == 200
    data = {
        "title": "Annual event 2027",
        "kind": "budget",
        "organisation": organisation.pk,
        "pot": "",
        "young_people_share": "50",
        "method": "points",
        "points_per_voter": "",
        "young_people_propose": "yes",
        "eligible_areas": "Norwich",
        **_date("opens", today()),
        **_date("closes", today() + datetime.timedelta(days=7)),
    }
    answer = client.post(_url("round-create"), data)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Enter the pot in pounds" in page and "Enter how many points" in page
    assert "Annual event 2027" in page
    data.update(pot="20000", points_per_voter="10")
    answer = client.post(_url("round-create"), data)
    round_ = BudgetRound.objects.get()
    assert answer.status_code == 302 and answer.url == _url("round-detail", round_.pk)
    assert round_.eligible_areas == ["Norwich"] and round_.points_per_voter == 10
    edit = client.get(_url("round-edit", round_.pk))
    assert edit.status_code == 200 and "Annual event 2027" in edit.content.decode()
    data.update(title="Annual event budget 2027")
    assert client.post(_url("round-edit", round_.pk), data).status_code == 302
    round_.refresh_from_db()
    assert round_.title == "Annual event budget 2027"


def test_deleting_asks_first_and_is_refused_once_voted(client_for, lead, proposals, voter):
    round_ = proposals[0].round
    client = client_for(lead)
    confirm = client.get(_url("round-delete", round_.pk))
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
    refused = client.post(_url("round-delete", round_.pk))
    assert refused.status_code == 400 and "cannot be deleted" in refused.content.decode()
    other = RoundFactory()
    answer = client.post(_url("round-delete", other.pk))
    assert answer.status_code == 302 and not BudgetRound.objects.filter(pk=other.pk).exists()


def test_board_members_and_partners_cannot_set_up_or_change_rounds(
    client_for, board_member, partner_worker, budget_round
):
    for user in (board_member, partner_worker):
        client = client_for(user)
        assert client.get(_url("round-create")).status_code == 403
        assert client.get(_url("round-edit", budget_round.pk)).status_code == 403
        assert client.post(_url("round-delete", budget_round.pk)).status_code == 403
        assert client.get(_url("round-verify", budget_round.pk)).status_code == 403


# Proposals ---------------------------------------------------------------------------------------


def test_proposals_are_added_edited_and_withdrawn(client_for, officer, budget_round, voter):
    client = client_for(officer)
    assert client.get(_url("proposal-create", budget_round.pk)).status_code == 200
    bad = client.post(
        _url("proposal-create", budget_round.pk),
        {
            "title": "Lights",
            "description": "Safe park.",
            "status": "shortlisted",
            "proposed_by_young_person": "YP-NOBODY",
        },
    )
    assert bad.status_code == 200 and "YP-NOBODY" in bad.content.decode()
    answer = client.post(
        _url("proposal-create", budget_round.pk),
        {
            "title": "Lights",
            "description": "Safe park.",
            "cost": "4000",
            "status": "shortlisted",
            "proposed_by_young_person": voter.reference.lower(),
        },
    )
    assert answer.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.proposed_by_young_person == voter
    edit = client.post(
        _url("proposal-edit", proposal.pk),
        {
            "title": "Park lights",
            "description": "Safe park.",
            "cost": "4000",
            "status": "shortlisted",
        },
    )
    assert edit.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Park lights"
    assert client.get(_url("proposal-withdraw", proposal.pk)).status_code == 200
    assert client.post(_url("proposal-withdraw", proposal.pk)).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    again = client.post(_url("proposal-withdraw", proposal.pk))
    assert again.status_code == 400 and "already been withdrawn" in again.content.decode()


def test_another_organisations_partner_gets_404_for_proposals(
    client_for, make_user, other_organisation, proposals
):
    other = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
    client = client_for(other)
    assert client.get(_url("proposal-edit", proposals[0].pk)).status_code == 404
    assert client.get(_url("proposal-create", proposals[0].round_id)).status_code == 404


# Paper ballots, voters and the count -------------------------------------------------------------


def test_a_worker_enters_a_paper_ballot_and_it_shows_in_the_count(
    client_for, partner_worker, lead, proposals, voter
):
    round_ = proposals[0].round
    client = client_for(partner_worker)
    form = client.get(_url("round-ballot", round_.pk))
    assert form.status_code == 200 and voter.reference in form.content.decode()
    missing = client.post(_url("round-ballot", round_.pk), {"young_person": voter.pk})
    assert "Choose one idea to vote for" in missing.content.decode()
    answer = client.post(
        _url("round-ballot", round_.pk),
        {"young_person": voter.pk, "proposal": proposals[1].pk},
        follow=True,
    )
    paper = BallotPaper.objects.get()
    assert paper.receipt in answer.content.decode()
    assert Ballot.objects.get().entered_by == partner_worker
    # Entered once: they are no longer offered, and a second entry is refused.
    assert voter.reference not in client.get(_url("round-ballot", round_.pk)).content.decode()
    voters = client.get(_url("round-voters", round_.pk))
    assert voter.reference in voters.content.decode()
    assert proposals[1].title not in voters.content.decode()
    csv = client.get(_url("round-voters", round_.pk), {"format": "csv"})
    assert voter.reference in b"".join(csv.streaming_content).decode()
    check = client_for(lead).get(_url("round-verify", round_.pk))
    assert check.status_code == 200 and 'id="count-matches"' in check.content.decode()
    # While voting is open the receipts are not listed: a code new since the last look could be
    # matched to whoever was seen voting in between.
    assert paper.receipt not in check.content.decode()
    close(round_)
    assert paper.receipt in client_for(lead).get(_url("round-verify", round_.pk)).content.decode()


def test_points_ballots_on_paper_check_the_total(client_for, officer, proposals, voter):
    round_ = proposals[0].round
    BudgetRound.objects.filter(pk=round_.pk).update(method="points", points_per_voter=5)
    client = client_for(officer)
    data = {
        "young_person": voter.pk,
        f"points_{proposals[0].pk}": "4",
        f"points_{proposals[1].pk}": "3",
    }
    over = client.post(_url("round-ballot", round_.pk), data)
    assert "You gave 7 points" in over.content.decode()
    data[f"points_{proposals[1].pk}"] = "1"
    assert client.post(_url("round-ballot", round_.pk), data).status_code == 302


def test_paper_ballots_only_while_open_and_not_for_board_members(
    client_for, officer, board_member, proposals
):
    round_ = proposals[0].round
    assert client_for(board_member).get(_url("round-ballot", round_.pk)).status_code == 403
    assert client_for(board_member).get(_url("round-voters", round_.pk)).status_code == 403
    close(round_)
    assert client_for(officer).get(_url("round-ballot", round_.pk)).status_code == 403


# Deciding and telling ----------------------------------------------------------------------------


def test_a_lead_decides_a_closed_round_and_records_that_everyone_was_told(
    client_for, lead, officer, proposals, voter
):
    round_ = proposals[0].round
    services.ballot_cast(young_person=voter, round=round_, choices={proposals[0]: 1})
    client = client_for(lead)
    assert client.get(_url("round-decide", round_.pk)).status_code == 403  # still open
    close(round_)
    other = Client()
    other.force_login(officer)
    assert other.get(_url("round-decide", round_.pk)).status_code == 403
    form = client.get(_url("round-decide", round_.pk))
    assert form.status_code == 200 and 'id="results"' in form.content.decode()
    data = {
        "chosen": [proposals[0].pk],
        "decision_maker": "Young people at the annual event",
        "explanation": "Funded from the young people's half.",
        "plain_language": "You chose the lights. We are buying them.",
        **_date("date", today()),
    }
    answer = client.post(_url("round-decide", round_.pk), data)
    assert answer.status_code == 302
    round_.refresh_from_db()
    assert round_.stage == BudgetRound.Stage.DECIDED
    page = client.get(_url("round-detail", round_.pk)).content.decode()
    assert "You chose the lights" in page and _url("round-tell", round_.pk) in page
    assert client.get(_url("round-tell", round_.pk)).status_code == 200
    told = client.post(
        _url("round-tell", round_.pk), {**_date("date", today()), "channel": "portal"}
    )
    assert told.status_code == 302
    round_.view.refresh_from_db()
    assert round_.view.status == View.Status.FED_BACK
    assert client.get(_url("round-decide", round_.pk)).status_code == 403


def test_telling_before_deciding_is_refused(client_for, lead, budget_round):
    assert client_for(lead).get(_url("round-tell", budget_round.pk)).status_code == 403


def test_a_theme_vote_page_ticks_the_leaders_and_creates_themes(client_for, lead, organisation):
    vote = ThemeVoteFactory(organisation=organisation, winners=2)
    options = [ProposalFactory(round=vote, title=t, cost=None) for t in ("A", "B", "C")]
    for option, count in zip(options, (3, 2, 1), strict=True):
        for _ in range(count):
            services.ballot_enter(
                actor=None,
                round=vote,
                young_person=factories.YoungPersonFactory(organisation=organisation),
                choices={option: 1},
            )
    close(vote)
    client = client_for(lead)
    form = client.get(_url("round-decide", vote.pk)).content.decode()
    assert len(re.findall(r"<input[^>]*checked", form)) == 2
    data = {
        "chosen": [options[0].pk, options[1].pk],
        "decision_maker": "Young people",
        "explanation": "The two with most votes.",
        "plain_language": "You chose A and B.",
        **_date("date", today()),
    }
    assert client.post(_url("round-decide", vote.pk), data).status_code == 302
    assert set(Theme.objects.filter(period="2027-28").values_list("title", flat=True)) == {
        "A",
        "B",
    }


def test_a_partnership_round_asks_whose_record_the_decision_is(client_for, lead, organisation):
    round_ = close(RoundFactory(organisation=None))
    ProposalFactory(round=round_)
    form = client_for(lead).get(_url("round-decide", round_.pk)).content.decode()
    assert "Whose record the decision is" in form


# The portal --------------------------------------------------------------------------------------


def test_a_young_person_votes_once_in_the_portal_and_sees_their_receipt_once(
    portal_client, officer, proposals, voter
):
    round_ = proposals[0].round
    client = portal_client(voter)
    listing = client.get(_url("portal-rounds"))
    assert round_.title in listing.content.decode()
    assert _url("portal-vote", round_.pk) in listing.content.decode()
    page = client.get(_url("portal-round", round_.pk)).content.decode()
    assert _url("portal-vote", round_.pk) in page
    assert 'id="results"' not in page  # no running tally
    form = client.get(_url("portal-vote", round_.pk))
    assert form.status_code == 200 and proposals[0].title in form.content.decode()
    empty = client.post(_url("portal-vote", round_.pk), {})
    assert "Choose one idea to vote for" in empty.content.decode()
    answer = client.post(_url("portal-vote", round_.pk), {"proposal": proposals[2].pk})
    assert answer.status_code == 302
    receipt = BallotPaper.objects.get().receipt
    shown = client.get(_url("portal-round", round_.pk)).content.decode()
    assert receipt in shown
    again = client.get(_url("portal-round", round_.pk)).content.decode()
    assert receipt not in again and 'id="already-voted"' in again
    second = client.get(_url("portal-vote", round_.pk))
    assert second.status_code == 302
    assert Ballot.objects.count() == 1
    assert "You have voted" in client.get(_url("portal-rounds")).content.decode()


def test_a_paper_voter_is_told_they_have_voted_in_the_portal(
    portal_client, officer, proposals, voter
):
    round_ = proposals[0].round
    services.ballot_enter(
        actor=officer, round=round_, young_person=voter, choices={proposals[0]: 1}
    )
    client = portal_client(voter)
    page = client.get(_url("portal-round", round_.pk)).content.decode()
    assert "You have already voted on paper" in page
    assert (
        client.post(_url("portal-vote", round_.pk), {"proposal": proposals[1].pk}).status_code
        == 302
    )
    assert Ballot.objects.count() == 1


def test_an_ineligible_young_person_cannot_see_or_vote(portal_client, proposals, voter):
    round_ = proposals[0].round
    BudgetRound.objects.filter(pk=round_.pk).update(eligible_areas=["Norwich"])
    client = portal_client(voter)
    assert round_.title not in client.get(_url("portal-rounds")).content.decode()
    assert client.get(_url("portal-round", round_.pk)).status_code == 404
    assert (
        client.post(_url("portal-vote", round_.pk), {"proposal": proposals[0].pk}).status_code
        == 404
    )
    assert not Ballot.objects.exists()


def test_a_young_person_proposes_then_sees_results_and_the_decision(
    portal_client, lead, organisation, voter
):
    round_ = RoundFactory(organisation=organisation, method="points", points_per_voter=3)
    client = portal_client(voter)
    assert client.get(_url("portal-propose", round_.pk)).status_code == 200
    bad = client.post(_url("portal-propose", round_.pk), {"title": "", "description": ""})
    assert bad.status_code == 200
    answer = client.post(
        _url("portal-propose", round_.pk),
        {"title": "Football kit", "description": "For the team.", "cost": "200"},
    )
    assert answer.status_code == 302
    idea = Proposal.objects.get(title="Football kit")
    services.proposal_update(actor=lead, proposal=idea, status="shortlisted")
    vote = client.post(_url("portal-vote", round_.pk), {f"points_{idea.pk}": "3"})
    assert vote.status_code == 302
    assert client.get(_url("portal-propose", round_.pk)).status_code == 403  # voting started
    close(round_)
    assert client.get(_url("portal-vote", round_.pk)).status_code == 302
    page = client.get(_url("portal-round", round_.pk)).content.decode()
    assert 'id="results"' in page and "fewer than 5" in page
    services.round_decide(
        actor=lead,
        round=round_,
        chosen=[idea],
        decision_maker="Young people",
        explanation="Funded.",
        plain_language="We are buying the football kit you asked for.",
        date=today(),
    )
    page = client.get(_url("portal-round", round_.pk)).content.decode()
    assert "We are buying the football kit" in page
    round_.refresh_from_db()
    services.round_tell(actor=lead, round=round_, date=today())
    home = client.get(reverse("portal:home")).content.decode()
    assert "We are buying the football kit" in home


def test_a_closed_round_offers_no_vote(portal_client, proposals, voter):
    round_ = close(proposals[0].round)
    client = portal_client(voter)
    assert client.get(_url("portal-vote", round_.pk)).status_code == 403
    assert (
        _url("portal-vote", round_.pk)
        not in client.get(_url("portal-round", round_.pk)).content.decode()
    )
    assert RECEIPT_KEY not in client.session


# Panels ------------------------------------------------------------------------------------------


def test_panels_list_the_young_people_on_them_and_their_training(
    client_for, officer, board_member, partner_worker, organisation, voter, count_queries
):
    from heard.audits.models import Course, CourseAttendance
    from tests.involvement.factories import ActivityFactory

    activity = ActivityFactory(organisation=organisation, title="Recruiting a youth worker")
    activity.young_people.set([voter])
    ActivityFactory(organisation=organisation, young_people_involved=False, how=[], title="Other")
    course = Course.objects.create(
        title="Young commissioners' training",
        kind=Course.Kind.YOUNG_COMMISSIONER,
        date=datetime.date(2026, 1, 10),
        valid_until=datetime.date(2028, 1, 10),
    )
    CourseAttendance.objects.create(course=course, young_person=voter)
    page = client_for(officer).get(_url("panels")).content.decode()
    assert "Recruiting a youth worker" in page and "Other" not in page
    assert voter.reference in page and "Young commissioners&#x27; training" in page
    assert _url("panels") in client_for(officer).get(_url("round-list")).content.decode()
    board = client_for(board_member).get(_url("panels")).content.decode()
    # One young person the board member cannot see: protected, never the exact 1 (ADR 0008).
    assert voter.reference not in board and "1 young person you cannot see" not in board
    assert any(f"{shown} young people you cannot see" in board for shown in ("Fewer than 5", "5"))
    assert voter.reference in client_for(partner_worker).get(_url("panels")).content.decode()
    queries, _ = count_queries(lambda: selectors.panels(officer))
    assert queries == 4  # activities, their young people, the training, who they name
    nobody = factories.UserFactory(role=Role.SAFEGUARDING_LEAD)
    assert client_for(nobody).get(_url("panels")).status_code == 403
    empty = Client()
    empty.force_login(factories.UserFactory(role=Role.BOARD_MEMBER))
    ActivityFactory._meta.model.objects.all().delete()
    assert "No decisions with young people" in empty.get(_url("panels")).content.decode()
