"""Who may see and change action plans, their outcomes, actions and reviews: one policy each, all
one rule, since every record belongs to one plan and so to one organisation.

Programme staff (administrator, participation lead and officer) write every plan; a partner
worker reads and writes their own organisation's plan only (another organisation's is a 404);
theme leads, safeguarding leads and board members read every plan and change none.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Model, QuerySet

from heard.core.policies import Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.plans.models import Action, ActionPlan, ActionReview, Outcome

#: Roles that read every plan.
READERS = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.SAFEGUARDING_LEAD, Role.BOARD_MEMBER}
#: Roles that write every plan.
WRITERS = PROGRAMME_ROLES


class _PlanScoped(Policy[Any]):
    """A policy whose records each belong to one plan's organisation, reached from the record
    by ``path`` (``plan__organisation_id``)."""

    actions = ("view", "add", "change", "delete")
    path: ClassVar[str] = "organisation_id"

    def _organisation_id(self, obj: Model) -> int | None:
        value: Any = obj
        for step in self.path.split("__"):
            value = getattr(value, step, None)
        return value

    def _may(self, user: Any, obj: Model | None, everywhere: frozenset[str]) -> bool:
        role = role_of(user)
        if role in everywhere:
            return True
        if role != Role.PARTNER_WORKER:
            return False
        if obj is None:
            return True
        own = getattr(user, "organisation_id", None)
        return own is not None and self._organisation_id(obj) == own

    def _scope(self, user: Any, rows: QuerySet[Any], everywhere: frozenset[str]) -> Any:
        role = role_of(user)
        if role in everywhere:
            return rows
        if role == Role.PARTNER_WORKER and getattr(user, "organisation_id", None):
            return rows.filter(**{self.path: user.organisation_id})
        return rows.none()

    def may_view(self, user: Any, obj: Model | None) -> bool:
        return self._may(user, obj, READERS)

    def may_add(self, user: Any, obj: Model | None) -> bool:
        return self._may(user, obj, WRITERS)

    def view_scope(self, user: Any, rows: QuerySet[Any]) -> Any:
        return self._scope(user, rows, READERS)

    def add_scope(self, user: Any, rows: QuerySet[Any]) -> Any:
        return self._scope(user, rows, WRITERS)

    may_change = may_delete = may_add
    change_scope = delete_scope = add_scope


class ActionPlanPolicy(_PlanScoped):
    model = ActionPlan
    path = "organisation_id"


class OutcomePolicy(_PlanScoped):
    model = Outcome
    path = "plan__organisation_id"


class ActionPolicy(_PlanScoped):
    model = Action
    path = "outcome__plan__organisation_id"


class ActionReviewPolicy(_PlanScoped):
    model = ActionReview
    path = "action__outcome__plan__organisation_id"


PLAN, OUTCOME, ACTION, REVIEW = registered(
    [ActionPlanPolicy(), OutcomePolicy(), ActionPolicy(), ActionReviewPolicy()]
)
