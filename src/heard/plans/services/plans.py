"""Action plans, their outcomes and actions: validate, check, save, audit."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max

from heard.core.permissions import require
from heard.core.updates import Change, audited_create
from heard.people.models import Organisation, User
from heard.plans import events
from heard.plans.models import Action, ActionPlan, Outcome
from heard.plans.services._common import LabelledRemoval

PLAN_FIELDS = ("organisation", "period", "starts_on", "ends_on", "title", "review_every_months")
OUTCOME_FIELDS = ("standard", "number", "text", "order")
ACTION_FIELDS = (
    "text",
    "lead_text",
    "timescale",
    "due_on",
    "resources",
    "risks",
    "progress",
    "order",
)


@transaction.atomic
def plan_create(
    *,
    actor: User | None,
    organisation: Organisation,
    period: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    title: str,
    review_every_months: int = 6,
) -> ActionPlan:
    plan = ActionPlan(
        organisation=organisation,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        title=title,
        review_every_months=review_every_months,
    )
    require(actor, "plans.add_actionplan", plan)
    return audited_create(plan, actor=actor, event=events.PLAN_CREATED, fields=PLAN_FIELDS)


_PLAN_UPDATE = Change("plan_update", events.PLAN_CHANGED, PLAN_FIELDS)


@transaction.atomic
def plan_update(*, actor: User | None, plan: ActionPlan, **fields: Any) -> ActionPlan:
    require(actor, "plans.change_actionplan", plan)
    if "organisation" in fields:
        moved = ActionPlan(organisation=fields["organisation"])
        require(actor, "plans.change_actionplan", moved)
    return _PLAN_UPDATE.apply(plan, actor=actor, fields=fields)


_PLAN_DELETE = LabelledRemoval("plans.delete_actionplan", events.PLAN_DELETED)


def plan_delete(*, actor: User | None, plan: ActionPlan) -> None:
    """Delete a plan with its outcomes, actions and reviews (the page asked first)."""
    _PLAN_DELETE.apply(plan, actor=actor)


def _next_order(rows: Any) -> int:
    return (rows.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def outcome_add(
    *,
    actor: User | None,
    plan: ActionPlan,
    standard: str,
    text: str,
    number: str = "",
    order: int | None = None,
) -> Outcome:
    require(actor, "plans.change_actionplan", plan)
    outcome = Outcome(
        plan=plan,
        standard=standard,
        number=number,
        text=text,
        order=_next_order(plan.outcomes.all()) if order is None else order,
    )
    return audited_create(outcome, actor=actor, event=events.OUTCOME_CREATED, fields=OUTCOME_FIELDS)


_OUTCOME_UPDATE = Change("outcome_update", events.OUTCOME_CHANGED, OUTCOME_FIELDS)


@transaction.atomic
def outcome_update(*, actor: User | None, outcome: Outcome, **fields: Any) -> Outcome:
    require(actor, "plans.change_outcome", outcome)
    return _OUTCOME_UPDATE.apply(outcome, actor=actor, fields=fields)


_OUTCOME_DELETE = LabelledRemoval("plans.delete_outcome", events.OUTCOME_DELETED)


def outcome_delete(*, actor: User | None, outcome: Outcome) -> None:
    _OUTCOME_DELETE.apply(outcome, actor=actor)


@transaction.atomic
def action_add(
    *,
    actor: User | None,
    outcome: Outcome,
    text: str,
    lead_staff: Any = (),
    order: int | None = None,
    **fields: Any,
) -> Action:
    """Add a supporting action to ``outcome`` (``fields``: any of ``ACTION_FIELDS``)."""
    require(actor, "plans.change_outcome", outcome)
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"action_add() cannot set {', '.join(sorted(unknown))}")
    action = Action(
        outcome=outcome,
        text=text,
        order=_next_order(outcome.actions.all()) if order is None else order,
        **fields,
    )
    audited_create(action, actor=actor, event=events.ACTION_CREATED, fields=ACTION_FIELDS)
    leads = list(lead_staff or ())
    if leads:
        action.lead_staff.set(leads)
    return action


_ACTION_UPDATE = Change("action_update", events.ACTION_CHANGED, (*ACTION_FIELDS, "lead_staff"))


@transaction.atomic
def action_update(*, actor: User | None, action: Action, **fields: Any) -> Action:
    require(actor, "plans.change_action", action)
    return _ACTION_UPDATE.apply(action, actor=actor, fields=fields)


_ACTION_DELETE = LabelledRemoval("plans.delete_action", events.ACTION_DELETED)


def action_delete(*, actor: User | None, action: Action) -> None:
    _ACTION_DELETE.apply(action, actor=actor)
