"""The budgets and votes API: rounds per role, proposals, paper ballots (who voted, never what
they chose), results only once closed (exact or protected), the count, deciding and telling."""

import pytest

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.decisions import services
from heard.decisions.models import Ballot, BudgetRound, Proposal
from heard.groups.models import Theme
from tests import factories
from tests.decisions.factories import ProposalFactory, RoundFactory, ThemeVoteFactory, close, today

ROUNDS = "/api/v1/budget-rounds/"
PROPOSALS = "/api/v1/budget-proposals/"
BALLOTS = "/api/v1/ballots/"


@pytest.fixture
def budget_round(organisation):
    return RoundFactory(organisation=organisation)


@pytest.fixture
def proposals(budget_round):
    return [ProposalFactory(round=budget_round, cost=cost) for cost in (4000, 5000, 3000)]


@pytest.fixture
def voter(organisation):
    return factories.YoungPersonFactory(organisation=organisation)


def _rows(response):
    return response.json()["results"]


def test_rounds_are_set_up_changed_and_deleted_by_programme_staff(api_for, officer, organisation):
    api = api_for(officer)
    body = {
        "title": "Annual event budget 2027",
        "organisation": organisation.pk,
        "pot": "20000",
        "method": "points",
        "points_per_voter": 10,
        "opens": today().isoformat(),
        "closes": today().isoformat(),
        "eligible_age_bands": ["11_13"],
        "eligible_areas": ["Norwich"],
    }
    made = api.post(ROUNDS, body, format="json")
    assert made.status_code == 201, made.content
    data = made.json()
    assert data["stage"] == "voting" and data["young_people_pot"] == "10000.00"
    assert data["ballot_count"] == 0
    url = f"{ROUNDS}{data['id']}/"
    changed = api.patch(url, {"title": "Annual event 2027"}, format="json")
    assert changed.status_code == 200 and changed.json()["title"] == "Annual event 2027"
    assert api.delete(url).status_code == 204
    assert not BudgetRound.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"pot": None}, "pot"),
        ({"method": "points"}, "points_per_voter"),
        ({"kind": "theme_vote"}, "winners"),
        ({"theme_period": "2027/28"}, "theme_period"),
        ({"eligible_age_bands": ["99"]}, "eligible_age_bands"),
        ({"opens": "soon"}, "opens"),
        ({"young_people_share": 101}, "young_people_share"),
    ],
)
def test_bad_round_input_is_a_400_with_a_message(api_for, lead, body, field):
    base = {"title": "Budget", "pot": "100", "opens": "2026-12-01", "closes": "2026-12-31"}
    response = api_for(lead).post(ROUNDS, base | body, format="json")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("role", "reads", "writes"),
    [
        (Role.BOARD_MEMBER, 200, 403),
        (Role.THEME_LEAD, 200, 403),
        (Role.SAFEGUARDING_LEAD, 200, 403),
        (Role.PARTICIPATION_LEAD, 200, 201),
    ],
)
def test_rounds_by_role(api_for, make_user, budget_round, role, reads, writes):
    api = api_for(make_user(role))
    assert api.get(ROUNDS).status_code == reads
    assert api.get(f"{ROUNDS}{budget_round.pk}/").status_code == reads
    body = {"title": "B", "pot": "1", "opens": "2026-12-01", "closes": "2026-12-02"}
    assert api.post(ROUNDS, body, format="json").status_code == writes


def test_another_organisations_partner_gets_404(api_for, make_user, other_organisation, proposals):
    round_ = proposals[0].round
    api = api_for(make_user(Role.PARTNER_WORKER, organisation=other_organisation))
    assert api.get(f"{ROUNDS}{round_.pk}/").status_code == 404
    assert api.get(f"{PROPOSALS}{proposals[0].pk}/").status_code == 404
    assert api.get(f"{ROUNDS}{round_.pk}/results/").status_code == 404
    assert _rows(api.get(ROUNDS)) == []


def test_proposals_are_added_changed_and_withdrawn(api_for, officer, budget_round, voter):
    api = api_for(officer)
    body = {
        "round": budget_round.pk,
        "title": "Skate park lights",
        "description": "Lights so the park is safe.",
        "cost": "4000",
        "proposed_by_young_person": voter.pk,
    }
    made = api.post(PROPOSALS, body, format="json")
    assert made.status_code == 201, made.content
    url = f"{PROPOSALS}{made.json()['id']}/"
    over = api.patch(url, {"cost": "50000"}, format="json")
    assert over.status_code == 400 and "cost" in over.json()
    assert api.patch(url, {"title": "Park lights"}, format="json").json()["title"] == "Park lights"
    withdrawn = api.post(f"{url}withdraw/", format="json")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert api.post(f"{url}withdraw/", format="json").status_code == 400
    board = api_for(factories.UserFactory(role=Role.BOARD_MEMBER))
    assert board.post(PROPOSALS, body, format="json").status_code == 403


def test_a_paper_ballot_is_entered_once_and_lists_show_who_not_what(
    api_for, partner_worker, proposals, voter
):
    round_ = proposals[0].round
    api = api_for(partner_worker)
    body = {
        "round": round_.pk,
        "young_person": voter.pk,
        "choices": [{"proposal": proposals[1].pk}],
    }
    made = api.post(BALLOTS, body, format="json")
    assert made.status_code == 201, made.content
    cast = made.json()
    assert cast["origin"] == "paper" and cast["entered_by"] == partner_worker.pk
    assert len(cast["receipt"]) == 10
    again = api.post(BALLOTS, body, format="json")
    assert again.status_code == 400
    assert again.json()["young_person"] == [
        f"{voter.reference} has already voted in this round (on paper)."
    ]
    listed = _rows(api.get(BALLOTS, {"round": round_.pk}))
    assert [row["young_person"] for row in listed] == [voter.pk]
    assert "receipt" not in listed[0] and "choices" not in listed[0]
    # The audit entry of a cast names no idea: neither a key nor any value is one of the ideas'
    # ids or titles (comparing values, not text: a digit of an id can stand in a timestamp).
    logged = list(AuditEntry.objects.filter(event="ballot.cast").values_list("changes", flat=True))
    assert logged and not any(
        word in key for entry in logged for key in _keys(entry) for word in ("choice", "proposal")
    )
    ideas = {proposal.pk for proposal in proposals} | {str(p.pk) for p in proposals}
    assert not ideas & set(_leaves(logged)) and not {p.title for p in proposals} & set(
        _leaves(logged)
    )
    two = api.post(
        BALLOTS,
        {
            "round": round_.pk,
            "young_person": factories.YoungPersonFactory(organisation=voter.organisation).pk,
            "choices": [{"proposal": proposals[0].pk}, {"proposal": proposals[1].pk}],
        },
        format="json",
    )
    assert two.status_code == 400 and two.json()["choices"] == ["Choose one idea to vote for."]
    board = api_for(factories.UserFactory(role=Role.BOARD_MEMBER))
    assert board.get(BALLOTS).status_code == 403


def test_an_ineligible_young_person_or_a_closed_round_is_refused(api_for, officer, proposals):
    round_ = proposals[0].round
    BudgetRound.objects.filter(pk=round_.pk).update(eligible_areas=["Norwich"])
    api = api_for(officer)
    body = {
        "round": round_.pk,
        "young_person": factories.YoungPersonFactory().pk,
        "choices": [{"proposal": proposals[0].pk}],
    }
    refused = api.post(BALLOTS, body, format="json")
    assert refused.status_code == 400 and "cannot vote in this round" in str(refused.json())
    close(round_)
    closed = api.post(BALLOTS, body, format="json")
    assert closed.json() == {"__all__": ["Voting in this round is not open."]} or (
        closed.status_code == 400
    )
    assert not Ballot.objects.exists()


def test_results_only_once_closed_exact_for_leads_protected_for_the_board(
    api_for, lead, board_member, proposals
):
    round_ = proposals[0].round
    for _ in range(3):
        services.ballot_enter(
            actor=None,
            round=round_,
            young_person=factories.YoungPersonFactory(organisation=round_.organisation),
            choices={proposals[0]: 1},
        )
    url = f"{ROUNDS}{round_.pk}/results/"
    for user in (lead, board_member):
        running = api_for(user).get(url)
        assert running.status_code == 400
        assert "no running tally" in running.json()["detail"]
    close(round_)
    exact = api_for(lead).get(url).json()
    assert exact["exact"] and exact["ballots"] == 3 and exact["turnout"] == 100.0
    assert exact["rows"][0] == {
        "proposal": proposals[0].pk,
        "title": proposals[0].title,
        "voters": 3,
        "points": 3,
    }
    protected = api_for(board_member).get(url).json()
    assert not protected["exact"] and protected["turnout"] is None
    assert protected["ballots"] in ("fewer than 5", 5)
    check = api_for(lead).get(f"{ROUNDS}{round_.pk}/verification/")
    assert check.status_code == 200 and check.json()["matches"]
    assert len(check.json()["receipts"]) == 3
    assert api_for(board_member).get(f"{ROUNDS}{round_.pk}/verification/").status_code == 403


def test_a_lead_decides_a_theme_vote_and_tells_everyone(api_for, lead, organisation):
    vote = ThemeVoteFactory(organisation=organisation, winners=1)
    option = ProposalFactory(round=vote, cost=None, title="Mental health")
    ProposalFactory(round=vote, cost=None, title="Transport")
    voter = factories.YoungPersonFactory(organisation=organisation)
    services.ballot_cast(young_person=voter, round=vote, choices={option: 1})
    api = api_for(lead)
    body = {
        "chosen": [option.pk],
        "decision_maker": "Young people at the annual event",
        "explanation": "The option with most votes.",
        "plain_language": "You chose mental health.",
        "date": today().isoformat(),
    }
    early = api.post(f"{ROUNDS}{vote.pk}/decide/", body, format="json")
    assert early.status_code == 400
    close(vote)
    decided = api.post(f"{ROUNDS}{vote.pk}/decide/", body, format="json")
    assert decided.status_code == 200, decided.content
    assert decided.json()["stage"] == "decided"
    assert Theme.objects.filter(title="Mental health", period="2027-28").exists()
    assert Proposal.objects.get(pk=option.pk).chosen
    told = api.post(f"{ROUNDS}{vote.pk}/tell/", {"date": today().isoformat()}, format="json")
    assert told.status_code == 200
    officer = api_for(factories.UserFactory(role=Role.PARTICIPATION_OFFICER))
    assert officer.post(f"{ROUNDS}{vote.pk}/tell/", {"date": "2026-12-01"}).status_code == 403


def test_the_round_list_filters(api_for, officer, budget_round):
    RoundFactory(title="Spotlight vote", kind="theme_vote", winners=6, theme_period="2027-28")
    api = api_for(officer)
    assert [r["id"] for r in _rows(api.get(ROUNDS, {"kind": "budget"}))] == [budget_round.pk]
    assert len(_rows(api.get(ROUNDS, {"q": "spotlight"}))) == 1
    assert len(_rows(api.get(ROUNDS, {"stage": "decided"}))) == 0


def _keys(value):
    """Every key in a JSON-like value, however deep."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def _leaves(value):
    """Every scalar in a JSON-like value, however deep."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value
