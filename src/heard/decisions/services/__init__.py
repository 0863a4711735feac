"""Every write for budget rounds, proposals, ballots and decisions: validate, check, save, audit."""

from heard.decisions.services.ballots import Cast, ballot_cast, ballot_enter
from heard.decisions.services.decide import round_decide, round_tell, takers_part
from heard.decisions.services.proposals import (
    proposal_add,
    proposal_propose,
    proposal_update,
    proposal_withdraw,
)
from heard.decisions.services.rounds import round_create, round_delete, round_update

__all__ = [
    "Cast",
    "ballot_cast",
    "ballot_enter",
    "proposal_add",
    "proposal_propose",
    "proposal_update",
    "proposal_withdraw",
    "round_create",
    "round_decide",
    "round_delete",
    "round_tell",
    "round_update",
    "takers_part",
]
