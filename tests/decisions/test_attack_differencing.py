"""A board member (the protected reader, ADR 0008) attacks a round's results by comparing its
outputs: the results on the page and the API, a proposal's votes against its points, the
ballots beside the results against the round's ballot count, and the young people who could
vote against any other count of the same young people. Each attack that found a hole failed
on the code before its fix."""

import pytest
from django.urls import reverse

from heard.core import disclosure
from heard.core.suppression import SMALL
from heard.decisions import selectors, services
from tests import factories
from tests.core.disclosure import small_counts_in
from tests.decisions.factories import ProposalFactory, RoundFactory, close

pytestmark = pytest.mark.django_db

#: Votes per proposal: every remainder mod 5, twice, so that independent roundings differ.
VOTES = (1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14)


def _voted_round(organisation, votes=VOTES):
    round_ = RoundFactory(organisation=None)
    proposals = [ProposalFactory(round=round_, title=f"Idea {n:02}") for n in range(len(votes))]
    for proposal, how_many in zip(proposals, votes, strict=True):
        for _ in range(how_many):
            person = factories.YoungPersonFactory(organisation=organisation)
            services.ballot_cast(young_person=person, round=round_, choices={proposal: 1})
    return close(round_), proposals


def test_a_proposals_votes_and_points_are_one_figure_in_a_one_vote_round(
    organisation, board_member, api_for
):
    """Votes and points of a one-vote round are the same count. They were protected with two
    keys (the proposal's, for two kinds), so a board member saw two independent roundings of
    one count (a 7 shown as 5 votes and 10 points is 6 to 9, where each alone says 1 to 9 or 6 to
    14); now both are keyed
    by the papers behind them, so they are one figure."""
    round_, _ = _voted_round(organisation)
    results = selectors.results(board_member, round_)
    assert not results.exact
    assert [row.voters for row in results.rows] == [row.points for row in results.rows]
    answer = api_for(board_member).get(f"/api/v1/budget-rounds/{round_.pk}/results/")
    assert answer.status_code == 200
    rows = answer.json()["rows"]
    assert [row["voters"] for row in rows] == [row["points"] for row in rows]
    assert small_counts_in(answer.json(), skip=("round", "proposal")) == []


def test_the_ballots_beside_the_results_are_the_results_figure(organisation, board_member, officer):
    """The round's ballot count, read with the round, is the results' protected figure for a
    board member (the same ballots, the same key) and the exact count for programme staff."""
    round_, _ = _voted_round(organisation, votes=(1, 2))
    listed = selectors.rounds_visible_to(board_member).get(pk=round_.pk)
    shown = selectors.shown_ballot_count(board_member, listed)
    assert shown == selectors.results(board_member, round_).ballots
    assert shown in (SMALL, 5)
    assert selectors.shown_ballot_count(board_member, round_) == shown
    assert selectors.shown_ballot_count(officer, listed) == 3
    assert selectors.results(officer, round_).ballots == 3


def test_a_board_member_is_not_shown_the_exact_ballot_count(
    organisation, board_member, client_for, api_for
):
    """The hole: the results say "fewer than 5" ballots (or 5), while the round's list, CSV,
    page and API said 3, to the same board member."""
    round_, _ = _voted_round(organisation, votes=(1, 2))
    api = api_for(board_member).get(f"/api/v1/budget-rounds/{round_.pk}/")
    page = client_for(board_member).get(reverse("decisions:round-detail", args=[round_.pk]))
    assert api.json()["ballot_count"] != 3
    assert "3 ballots cast" not in page.content.decode()


def test_the_young_people_who_could_vote_show_their_own_figure(organisation, board_member):
    """Who could vote was protected with the round's own key, the same key for every count it
    took as young people joined and left, so the figure moved at the same remainder each time;
    now it is keyed by the young people counted, as every other count of young people."""
    round_, _ = _voted_round(organisation, votes=(2, 1))
    people = list(selectors.eligible_young_people(round_).values_list("pk", flat=True))
    cell = disclosure.Cell(
        len(people), sum(disclosure.record_key(selectors.YOUNG_PERSON_KEYS, pk) for pk in people)
    )
    assert selectors.results(board_member, round_).eligible == disclosure.protect_cell(cell)
    assert selectors.YOUNG_PERSON_KEYS == "young_person"


def test_a_partner_worker_sees_exact_results_only_of_their_own_young_people(
    organisation, other_organisation, partner_worker, officer
):
    """The hole: a partner worker saw their organisation's round exact, though anyone in the
    partnership could vote in it: "young people who could vote" was the exact count of every
    organisation's young people, records they may not open. Exact now only when everyone who
    could vote, and everyone who did, is of their organisation."""
    round_ = RoundFactory(organisation=organisation)
    proposal = ProposalFactory(round=round_)
    for _ in range(2):
        person = factories.YoungPersonFactory(organisation=organisation)
        services.ballot_cast(young_person=person, round=round_, choices={proposal: 1})
    factories.YoungPersonFactory(organisation=other_organisation)  # could vote, did not
    close(round_)
    results = selectors.results(partner_worker, round_)
    assert not results.exact
    assert results.eligible in (SMALL, 5) and results.ballots in (SMALL, 5)
    assert selectors.results(officer, round_).eligible == 3
    round_.eligible_organisations.set([organisation])
    results = selectors.results(partner_worker, round_)
    assert results.exact and (results.ballots, results.eligible) == (2, 2)


def test_the_order_of_the_results_tells_a_board_member_nothing_the_figures_hide(
    organisation, board_member, officer
):
    """The hole: rows were sorted by the true points, ties by title. Four ideas with 1, 2, 3 and
    4 votes, titled against that order, all "fewer than 5" (or 5), came out in strict order D,
    C, B, A: a board member knew D > C > B > A >= 1, so A = 1, B = 2, C = 3 and D = 4. Rows are
    now in the order of the figures shown, ties by title."""
    round_ = RoundFactory(organisation=None)
    proposals = {
        title: ProposalFactory(round=round_, title=title) for title in ("A", "B", "C", "D")
    }
    for title, how_many in (("A", 1), ("B", 2), ("C", 3), ("D", 4)):
        for _ in range(how_many):
            person = factories.YoungPersonFactory(organisation=organisation)
            services.ballot_cast(young_person=person, round=round_, choices={proposals[title]: 1})
    close(round_)
    rows = selectors.results(board_member, round_).rows
    assert all(row.points in (SMALL, 5) for row in rows)
    order = [row.proposal.title for row in rows]
    assert order != ["D", "C", "B", "A"]
    by_figure = sorted(rows, key=lambda row: (row.points == SMALL, row.proposal.title))
    assert order == [row.proposal.title for row in by_figure]
    portal = [row.proposal.title for row in selectors.portal_results(round_).rows]
    assert portal == order
    assert [row.proposal.title for row in selectors.results(officer, round_).rows] == list("DCBA")
