"""Pages for budget rounds, proposals, ballots and the portal's votes; each importable here."""

from heard.decisions.views.ballots import ballot_enter, decide, tell, verify, voters
from heard.decisions.views.portal import portal_propose, portal_round, portal_rounds, portal_vote
from heard.decisions.views.rounds import (
    RoundListView,
    panels,
    proposal_create,
    proposal_edit,
    proposal_withdraw,
    round_create,
    round_delete,
    round_detail,
    round_edit,
)

__all__ = [
    "RoundListView",
    "ballot_enter",
    "decide",
    "panels",
    "portal_propose",
    "portal_round",
    "portal_rounds",
    "portal_vote",
    "proposal_create",
    "proposal_edit",
    "proposal_withdraw",
    "round_create",
    "round_delete",
    "round_detail",
    "round_edit",
    "tell",
    "verify",
    "voters",
]
