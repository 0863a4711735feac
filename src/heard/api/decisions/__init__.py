"""Budgets and votes over the API: rounds (and theme votes), their proposals, ballots (who
voted, never what they chose; staff enter paper ballots), the results once voting has closed
(with the disclosure policy), the count check, the decision and telling everyone."""

from heard.api.decisions.rounds import RoundViewSet
from heard.api.decisions.votes import BallotViewSet, ProposalViewSet

__all__ = ["BallotViewSet", "ProposalViewSet", "RoundViewSet"]
