"""Ballot secrecy at the database level (ADR 0011), attacked as someone who can read the tables:
papers carry no link to voters, but the order in which rows were stored (SQLite's rowid,
PostgreSQL's ctid, the inserting transaction's xmin) could pair a paper with the ballot cast at
the same moment. Every cast rewrites the round's papers in a random order, so the stored order
of papers and choices does not follow the order of the ballots.

Before the fix, the papers' rowid order was exactly the order of the ballots (30 of 30 fixed
points), and on PostgreSQL each paper's xmin was its ballot's."""

import pytest
from django.db import connection

from heard.decisions import selectors, services
from heard.decisions.models import Ballot, BallotChoice, BallotPaper, BudgetRound
from heard.decisions.services.ballots import papers_shuffle
from tests import factories
from tests.decisions.factories import ProposalFactory, RoundFactory, close

VOTERS = 30


def _stored_order(table: str, column: str, round_id: int) -> list[str]:
    """``column`` of the round's rows in the order the database stores them."""
    where = (
        "paper_id IN (SELECT id FROM decisions_ballotpaper WHERE round_id = %s)"
        if table == "decisions_ballotchoice"
        else "round_id = %s"
    )
    physical = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE {where} ORDER BY {physical}",  # noqa: S608
            [round_id],
        )
        return [str(row[0]).replace("-", "") for row in cursor.fetchall()]


def _fixed_points(stored: list[str], cast: list[str]) -> int:
    return sum(1 for a, b in zip(stored, cast, strict=True) if a == b)


def _vote(round_, proposals, how_many, *, points=False):
    """Cast ``how_many`` ballots, alternately in the portal and on paper; the receipts and the
    ballots' ids, in the order cast."""
    receipts, ballots = [], []
    for number in range(how_many):
        person = factories.YoungPersonFactory(organisation=round_.organisation)
        if points:
            choices = {proposals[number % 3]: 2, proposals[(number + 1) % 3]: 1}
        else:
            choices = {proposals[number % 3]: 1}
        if number % 2:
            cast = services.ballot_cast(young_person=person, round=round_, choices=choices)
        else:
            cast = services.ballot_enter(
                actor=None, round=round_, young_person=person, choices=choices
            )
        receipts.append(cast.receipt)
        ballots.append(cast.ballot.pk)
    return receipts, ballots


@pytest.mark.django_db
def test_stored_order_of_papers_does_not_follow_the_ballots(organisation):
    round_ = RoundFactory(organisation=organisation)
    proposals = [ProposalFactory(round=round_) for _ in range(3)]
    receipts, ballots = _vote(round_, proposals, VOTERS)
    stored = _stored_order("decisions_ballotpaper", "receipt", round_.pk)
    assert sorted(stored) == sorted(receipts)
    # A random order of 30 keeps 10 or more papers in their ballot's place once in millions.
    assert stored != receipts
    assert _fixed_points(stored, receipts) < 10
    # The choices too: their stored order, read as the receipts of their papers.
    paper_receipts = {
        str(pk).replace("-", ""): receipt
        for pk, receipt in BallotPaper.objects.values_list("pk", "receipt")
    }
    chosen = [
        paper_receipts[pk] for pk in _stored_order("decisions_ballotchoice", "paper_id", round_.pk)
    ]
    assert chosen != receipts
    assert _fixed_points(chosen, receipts) < 10
    # The ballots keep their order (they say who voted and when, never what they chose).
    assert (
        list(
            Ballot.objects.filter(round=round_)
            .order_by("cast_at", "id")
            .values_list("pk", flat=True)
        )
        == ballots
    )


@pytest.mark.django_db
def test_shuffling_keeps_every_paper_its_receipt_and_the_count(organisation):
    round_ = RoundFactory(
        organisation=organisation, method=BudgetRound.Method.POINTS, points_per_voter=3
    )
    proposals = [ProposalFactory(round=round_) for _ in range(3)]
    receipts, _ = _vote(round_, proposals, 12, points=True)
    assert BallotChoice.objects.filter(paper__round=round_).count() == 24
    close(round_)
    check = selectors.verification(round_)
    assert check.matches
    assert check.ballots == {"paper": 6, "portal": 6}
    assert sorted(check.receipts) == sorted(receipts)
    results = selectors.portal_results(round_)
    exact = {row.proposal.pk: row.exact_points for row in results.rows}
    # Voter n gave 2 to proposal n % 3 and 1 to the next: each proposal 4 x 2 + 4 x 1 points.
    assert exact == {proposal.pk: 12 for proposal in proposals}
    assert papers_shuffle(round_) == 12
    assert sorted(selectors.verification(round_).receipts) == sorted(receipts)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's")
def test_papers_share_one_inserting_transaction_on_postgresql(organisation):
    round_ = RoundFactory(organisation=organisation)
    proposals = [ProposalFactory(round=round_) for _ in range(3)]
    _vote(round_, proposals, 8)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(DISTINCT xmin::text) FROM decisions_ballotpaper WHERE round_id = %s",
            [round_.pk],
        )
        assert cursor.fetchone()[0] == 1
