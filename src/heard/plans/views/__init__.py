"""The action plan pages: selectors read, services write."""

from heard.plans.views.exchange import plan_copy, plan_export, plan_import
from heard.plans.views.items import (
    action_add,
    action_delete,
    action_detail,
    action_edit,
    outcome_add,
    outcome_delete,
    outcome_edit,
    review_add,
)
from heard.plans.views.plans import (
    ActionPlanListView,
    plan_create,
    plan_delete,
    plan_detail,
    plan_edit,
)

__all__ = [
    "ActionPlanListView",
    "action_add",
    "action_delete",
    "action_detail",
    "action_edit",
    "outcome_add",
    "outcome_delete",
    "outcome_edit",
    "plan_copy",
    "plan_create",
    "plan_delete",
    "plan_detail",
    "plan_edit",
    "plan_export",
    "plan_import",
    "review_add",
]
