"""The demo's budgets and votes: the annual event round decided and told to every voter, a theme
vote of nine options open, a closed round awaiting its decision, and one taking ideas."""

import pytest
import time_machine

from heard.decisions import selectors
from heard.decisions.models import Ballot, BudgetRound
from heard.people.models import YoungPerson
from heard.voice.models import View
from tests.demo_database import NOW


@pytest.fixture
def demo(loaded_demo, db):
    with time_machine.travel(NOW, tick=False):
        yield loaded_demo


def test_the_annual_event_round_is_decided_and_told_to_every_voter(demo):
    annual = BudgetRound.objects.get(title="Annual event budget")
    assert annual.stage == BudgetRound.Stage.DECIDED
    assert (annual.pot, annual.young_people_share) == (20000, 50)
    origins = set(Ballot.objects.filter(round=annual).values_list("origin", flat=True))
    assert origins == {"portal", "paper"}
    assert selectors.verification(annual).matches
    voters = set(Ballot.objects.filter(round=annual).values_list("young_person_id", flat=True))
    assert annual.view.status == View.Status.FED_BACK
    told = set(annual.response.feedback.get().young_people.values_list("pk", flat=True))
    assert voters <= told
    results = selectors.results(None, annual)
    assert [row.proposal.chosen for row in results.rows[:3]] == [True, True, True]


def test_every_stage_is_in_the_demo_and_the_crawled_young_person_has_not_voted(demo):
    stages = {round_.stage for round_ in BudgetRound.objects.all()}
    assert stages == {"decided", "voting", "closed", "proposals"}
    vote = BudgetRound.objects.get(kind=BudgetRound.Kind.THEME_VOTE)
    assert vote.proposals.count() == 9 and vote.winners == 6
    assert demo.counts["budget rounds"] == 4
    from django.db.models import Count

    crawled = (
        YoungPerson.objects.annotate(times=Count("attendances")).order_by("-times", "pk").first()
    )
    assert not Ballot.objects.filter(young_person=crawled).exists()
    assert [r.pk for r in selectors.portal_rounds(crawled)] == list(
        BudgetRound.objects.order_by("-closes", "-id").values_list("pk", flat=True)
    )
