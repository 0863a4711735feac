"""A plan filled from a spreadsheet's reading, a plan started from another (last period's, or
the partnership's outcomes as a partner's blank template): all or nothing, audited."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.permissions import require
from heard.people.models import Organisation, User
from heard.plans import events
from heard.plans.exchange.reading import INITIALS, OutcomeDraft
from heard.plans.models import ActionPlan
from heard.plans.services.plans import action_add, outcome_add, plan_create


@transaction.atomic
def _action_as(
    actor: User | None, outcome: Any, source: Any, lead_staff: list[User], **more: Any
) -> Any:
    """An action of ``outcome`` with ``source``'s words (an imported row's, or last period's
    action's), its leads and ``more`` of its fields."""
    return action_add(
        actor=actor,
        outcome=outcome,
        text=source.text,
        lead_text=source.lead_text,
        timescale=source.timescale,
        risks=source.risks,
        lead_staff=lead_staff,
        **more,
    )


def plan_import(
    *,
    actor: User | None,
    plan: ActionPlan,
    outcomes: Sequence[OutcomeDraft],
    leads: Mapping[str, User] | None = None,
    source: str = "a file",
    progress: Callable[[int], object] | None = None,
) -> ActionPlan:
    """Add the read outcomes and their actions after the plan's own, in order. ``leads`` maps
    initials (as written) to the staff the user chose: an action whose leads as written name
    them gets them as leads. Every outcome must have its standard; nothing is written unless
    everything is. ``progress(rows)`` is told of each outcome's rows (itself and its actions) as
    the next starts, and of the last one's once everything is written (a job's
    ``Progress.advance``), all within this one transaction."""
    require(actor, "plans.change_actionplan", plan)
    missing = sorted({draft.section for draft in outcomes if not draft.standard})
    if missing:
        raise ValidationError(
            _("Choose a standard for: %(outcomes)s.") % {"outcomes": ", ".join(missing)}
        )
    leads = leads or {}
    actions = held = 0
    for draft in outcomes:
        if progress is not None and held:
            progress(held)
        outcome = outcome_add(
            actor=actor,
            plan=plan,
            standard=str(draft.standard),
            number=draft.number,
            text=draft.text,
        )
        for action in draft.actions:
            named = {leads[i] for i in INITIALS.findall(action.lead_text) if i in leads}
            _action_as(actor, outcome, action, sorted(named, key=lambda user: user.pk))
            actions += 1
        held = 1 + len(draft.actions)
    audit.record(
        actor=actor,
        event=events.PLAN_IMPORTED,
        obj=plan,
        metadata={"outcomes": len(outcomes), "actions": actions, "source": source},
    )
    if progress is not None and held:
        progress(held)
    return plan


@transaction.atomic
def plan_copy(
    *,
    actor: User | None,
    plan: ActionPlan,
    organisation: Organisation,
    period: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    title: str,
    with_actions: bool = True,
    review_every_months: int | None = None,
) -> ActionPlan:
    """A new plan from ``plan``: its outcomes in order, with their actions (leads, timescales,
    resources and risks as they were, progress not started, no reviews and no due dates), or
    without them (``with_actions=False``: the partner's blank template)."""
    require(actor, "plans.view_actionplan", plan)
    new = plan_create(
        actor=actor,
        organisation=organisation,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        title=title,
        review_every_months=review_every_months or plan.review_every_months,
    )
    for old in plan.outcomes.order_by("order", "pk").prefetch_related("actions__lead_staff"):
        outcome = outcome_add(
            actor=actor, plan=new, standard=old.standard, number=old.number, text=old.text
        )
        if not with_actions:
            continue
        for action in old.actions.all():
            _action_as(
                actor, outcome, action, list(action.lead_staff.all()), resources=action.resources
            )
    audit.record(
        actor=actor,
        event=events.PLAN_COPIED,
        obj=new,
        metadata={"from_period": plan.period, "from_plan": plan.pk, "with_actions": with_actions},
    )
    return new
