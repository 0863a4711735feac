"""What happens to budget rounds, proposals and ballots, in the audit log's words. A ballot's
entry says who voted and how (portal or paper), never what they chose."""

from __future__ import annotations

from heard.core.events import CREATE, UPDATE, event, lifecycle_events, record_events

ROUND_CREATED, ROUND_CHANGED, ROUND_DELETED = lifecycle_events("budget_round", "budget round")
ROUND_DECIDED = event("budget_round.decided", "Recorded the decision of the round", action=UPDATE)
PROPOSAL_CREATED, PROPOSAL_CHANGED = record_events("proposal", "proposal")
PROPOSAL_WITHDRAWN = event("proposal.withdrawn", "Withdrew the proposal", action=UPDATE)
BALLOT_CAST = event("ballot.cast", "Recorded that a young person voted", action=CREATE)
