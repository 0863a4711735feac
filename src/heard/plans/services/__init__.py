"""Every write to action plans (the pages, the API, the importer and the demo call these)."""

from heard.plans.services.exchange import plan_copy, plan_import
from heard.plans.services.plans import (
    action_add,
    action_delete,
    action_update,
    outcome_add,
    outcome_delete,
    outcome_update,
    plan_create,
    plan_delete,
    plan_update,
)
from heard.plans.services.reviews import action_review_add

__all__ = [
    "action_add",
    "action_delete",
    "action_review_add",
    "action_update",
    "outcome_add",
    "outcome_delete",
    "outcome_update",
    "plan_copy",
    "plan_create",
    "plan_delete",
    "plan_import",
    "plan_update",
]
