"""Many young people vote at the same moment, each request on its own connection, and a few vote
twice at once (in the portal while a worker enters their paper ballot): every valid vote is
counted exactly once, nothing fails with a 500, every second ballot is refused with a message,
and the count checks (as many papers as ballots, per origin). PostgreSQL only (SQLite runs one
writer at a time).

In a file of its own with only transactional tests (see tests/rewards/test_approval_race.py)."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from heard.decisions import selectors
from heard.decisions.models import Ballot, BallotChoice, BallotPaper
from heard.portal import services as portal_services
from tests import factories
from tests.decisions.factories import ProposalFactory, RoundFactory, close

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]

VOTERS = 32
DOUBLES = 4


def _portal_client(officer, young_person):
    client = Client()
    _, code = portal_services.sign_in_code_issue(actor=officer, young_person=young_person)
    assert client.post(reverse("portal:sign-in"), {"code": code}).status_code == 302
    return client


def _run_at_once(jobs):
    """Run every job in its own thread, released together; each result or the exception."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as exc:  # noqa: BLE001 - a 500 is what the test looks for
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_many_votes_at_once_each_counted_once_and_doubles_refused(organisation):
    officer = factories.UserFactory(role="participation_officer")
    round_ = RoundFactory(organisation=organisation)
    proposals = [ProposalFactory(round=round_) for _ in range(3)]
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(VOTERS)]
    portal = [_portal_client(officer, person) for person in people]
    staff = Client()
    staff.force_login(officer)
    vote_url = reverse("decisions:portal-vote", args=[round_.pk])
    paper_url = reverse("decisions:round-ballot", args=[round_.pk])

    def portal_vote(number):
        return lambda: portal[number].post(vote_url, {"proposal": proposals[number % 3].pk})

    def paper_vote(number):
        workers = Client()
        workers.force_login(officer)
        data = {"young_person": people[number].pk, "proposal": proposals[(number + 1) % 3].pk}
        return lambda: workers.post(paper_url, data)

    jobs = [portal_vote(number) for number in range(VOTERS)]
    jobs += [paper_vote(number) for number in range(DOUBLES)]
    outcomes = _run_at_once(jobs)

    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert errors == []
    assert all(outcome.status_code in (200, 302) for outcome in outcomes)
    assert Ballot.objects.filter(round=round_).count() == VOTERS
    assert BallotPaper.objects.filter(round=round_).count() == VOTERS
    assert BallotChoice.objects.filter(paper__round=round_).count() == VOTERS
    # Every young person once; the doubles once each, in the portal or on paper.
    assert sorted(Ballot.objects.values_list("young_person_id", flat=True)) == sorted(
        person.pk for person in people
    )
    for number in range(DOUBLES):
        ballot = Ballot.objects.get(young_person=people[number])
        portal_answer, paper_answer = outcomes[number], outcomes[VOTERS + number]
        if ballot.origin == Ballot.Origin.PORTAL:
            loser = paper_answer
            assert loser.status_code == 200
            assert "govuk-error-summary" in loser.content.decode()
        else:
            loser = portal_answer
            told = [str(m) for m in get_messages(loser.wsgi_request)]
            page = loser.content.decode() if loser.status_code == 200 else ""
            assert "already voted" in " ".join(told) + page
            assert "Your vote has been counted" not in " ".join(told)
    # The others voted once each, in the portal, for the idea they chose.
    for number in range(DOUBLES, VOTERS):
        assert outcomes[number].status_code == 302
        assert Ballot.objects.get(young_person=people[number]).origin == Ballot.Origin.PORTAL
    close(round_)
    check = selectors.verification(round_)
    assert check.matches
    assert sum(check.ballots.values()) == VOTERS
    # Each vote for the idea its winning ballot chose: portal n chose idea n % 3, paper n the next.
    expected = {proposal.pk: 0 for proposal in proposals}
    for number, person in enumerate(people):
        on_paper = Ballot.objects.get(young_person=person).origin == Ballot.Origin.PAPER
        expected[proposals[(number + on_paper) % 3].pk] += 1
    counted = {row.proposal.pk: row.exact_points for row in selectors.portal_results(round_).rows}
    assert counted == expected
