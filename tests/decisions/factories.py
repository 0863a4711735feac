"""Factories for budget rounds and proposals (the shared ones: tests.factories), and helpers
that move a round along its dates."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from heard.decisions.models import BudgetRound, Proposal


def today() -> datetime.date:
    return timezone.localdate()


class RoundFactory(DjangoModelFactory):
    """A budget round open for voting: £20,000, half decided by young people."""

    class Meta:
        model = BudgetRound

    title = factory.Sequence(lambda n: f"Annual event budget {n}")
    description = "Young people decide half of next year's project budget."
    kind = BudgetRound.Kind.BUDGET
    pot = Decimal("20000")
    young_people_share = 50
    method = BudgetRound.Method.ONE_VOTE
    opens = factory.LazyFunction(lambda: today() - datetime.timedelta(days=3))
    closes = factory.LazyFunction(lambda: today() + datetime.timedelta(days=7))


class ThemeVoteFactory(RoundFactory):
    title = factory.Sequence(lambda n: f"Choose next year's Spotlight areas {n}")
    kind = BudgetRound.Kind.THEME_VOTE
    pot = Decimal("0")
    winners = 6
    theme_period = "2027-28"


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Idea {n}")
    description = "A plain description of the idea."
    cost = Decimal("2000")
    status = Proposal.Status.SHORTLISTED


def close(round_: BudgetRound) -> BudgetRound:
    """Voting closed yesterday."""
    BudgetRound.objects.filter(pk=round_.pk).update(
        opens=today() - datetime.timedelta(days=10), closes=today() - datetime.timedelta(days=1)
    )
    round_.refresh_from_db()
    return round_


def not_yet_open(round_: BudgetRound) -> BudgetRound:
    BudgetRound.objects.filter(pk=round_.pk).update(
        opens=today() + datetime.timedelta(days=5), closes=today() + datetime.timedelta(days=10)
    )
    round_.refresh_from_db()
    return round_
