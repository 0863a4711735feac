import pytest

from tests import factories
from tests.decisions.factories import ProposalFactory, RoundFactory


@pytest.fixture
def budget_round(organisation):
    return RoundFactory(organisation=organisation)


@pytest.fixture
def proposals(budget_round):
    return [
        ProposalFactory(round=budget_round, title=title, cost=cost)
        for title, cost in (
            ("Skate park lights", 4000),
            ("Mental health drop-in", 5000),
            ("Youth club trips", 3000),
        )
    ]


@pytest.fixture
def voter(organisation):
    return factories.YoungPersonFactory(organisation=organisation)
