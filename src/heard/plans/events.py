"""What happens to action plans, their outcomes, actions and reviews, in the audit log's words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heard.core.events import CREATE, IMPORT, describes, event, lifecycle_events


@describes(from_period="2009-10")
def _copied(metadata: Mapping[str, Any]) -> str:
    return f"Copied from the plan for {metadata.get('from_period', '?')}"


@describes(outcomes=3, actions=7, source="pasted text")
def _imported(metadata: Mapping[str, Any]) -> str:
    return (
        f"Imported {metadata.get('outcomes', 0)} outcomes and "
        f"{metadata.get('actions', 0)} actions from {metadata.get('source', 'a file')}"
    )


PLAN_CREATED, PLAN_CHANGED, PLAN_DELETED = lifecycle_events("action_plan", "action plan")
PLAN_COPIED = event(
    "action_plan.copied", "Started the action plan from another", action=CREATE, describe=_copied
)
PLAN_IMPORTED = event(
    "action_plan.imported",
    "Imported the action plan's outcomes and actions",
    action=IMPORT,
    describe=_imported,
)
OUTCOME_CREATED, OUTCOME_CHANGED, OUTCOME_DELETED = lifecycle_events("plan_outcome", "outcome")
ACTION_CREATED, ACTION_CHANGED, ACTION_DELETED = lifecycle_events("plan_action", "action")
ACTION_REVIEWED = event("plan_action_review.added", "Reviewed the action", action=CREATE)
