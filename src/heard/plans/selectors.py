"""Reads of action plans: the lists, a plan with its outcomes and actions grouped by standard,
and the actions past due for their leads' home pages."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from heard.core.policies import role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.core.standards import Standard
from heard.plans.models import Action, ActionPlan, ActionReview, Outcome, Progress
from heard.plans.policies import ACTION, OUTCOME, PLAN, REVIEW

#: Roles whose staff may lead an action (``forms.lead_candidates``: a partner worker of the
#: plan's organisation too); a board member or a safeguarding lead leads none.
LEAD_ROLES = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.PARTNER_WORKER}
#: Overdue actions a home page lists at most.
OVERDUE_SHOWN = 20


def plans_visible_to(user: Any) -> QuerySet[ActionPlan]:
    """Plans the user may read, with their organisation and how many outcomes they have."""
    return (
        PLAN.scope(user, "view")
        .select_related("organisation")
        .annotate(outcome_count=Count("outcomes"))
        .order_by("-starts_on", "organisation__name", "pk")
    )


def _get(rows: QuerySet[Any], pk: Any, what: str) -> Any:
    try:
        return rows.get(pk=pk)
    except (ValueError, TypeError, rows.model.DoesNotExist) as exc:
        raise Http404(f"No such {what}.") from exc


def plan_get(user: Any, pk: Any) -> ActionPlan:
    """One plan the user may read (404 for anyone else's)."""
    return _get(PLAN.scope(user, "view").select_related("organisation"), pk, "action plan")


def outcome_get(user: Any, pk: Any) -> Outcome:
    return _get(OUTCOME.scope(user, "view").select_related("plan__organisation"), pk, "outcome")


def action_get(user: Any, pk: Any) -> Action:
    return _get(
        ACTION.scope(user, "view").select_related("outcome__plan__organisation"), pk, "action"
    )


def plan_outcomes(plan: ActionPlan) -> list[Outcome]:
    """The plan's outcomes in order, each with its actions, their leads and reviews (4 queries)."""
    actions = Action.objects.prefetch_related(
        "lead_staff",
        Prefetch("reviews", queryset=ActionReview.objects.select_related("reviewed_by")),
    )
    return list(
        plan.outcomes.order_by("order", "pk").prefetch_related(
            Prefetch("actions", queryset=actions)
        )
    )


@dataclass
class StandardSection:
    """One standard's part of a plan: its outcomes and how far their actions have come."""

    standard: str
    label: str
    number: int
    outcomes: list[Outcome] = field(default_factory=list)
    progress: Counter[str] = field(default_factory=Counter)

    @property
    def progress_counts(self) -> list[tuple[str, str, int]]:
        return [(value, str(label), self.progress[value]) for value, label in Progress.choices]

    @property
    def action_count(self) -> int:
        return sum(self.progress.values())


def plan_sections(plan: ActionPlan) -> list[StandardSection]:
    """The plan's outcomes grouped by the seven standards, in the framework's order (every
    standard, with or without outcomes), with progress counts of their actions."""
    sections = {
        value: StandardSection(value, str(label), Standard.number(value))
        for value, label in Standard.choices
    }
    for outcome in plan_outcomes(plan):
        section = sections[outcome.standard]
        section.outcomes.append(outcome)
        section.progress.update(action.progress for action in outcome.actions.all())
    return list(sections.values())


def plan_progress(sections: list[StandardSection]) -> list[tuple[str, str, int]]:
    """The whole plan's progress counts, from its sections."""
    total: Counter[str] = Counter()
    for section in sections:
        total.update(section.progress)
    return [(value, str(label), total[value]) for value, label in Progress.choices]


def actions_overdue_for(user: Any, *, today: datetime.date) -> list[Action]:
    """Actions the user is named to lead that are past their due date and not done, in plans
    the user may read, oldest due first (at most ``OVERDUE_SHOWN``). Roles that never lead an
    action (``lead_candidates``) are not asked about: no query."""
    if role_of(user) not in LEAD_ROLES:
        return []
    return list(
        ACTION.scope(user, "view", Action.objects.filter(lead_staff=user))
        .filter(due_on__lt=today)
        .exclude(progress=Progress.DONE)
        .select_related("outcome__plan__organisation")
        .order_by("due_on", "pk")[:OVERDUE_SHOWN]
    )


def outcomes_visible_to(user: Any) -> QuerySet[Outcome]:
    return OUTCOME.scope(user, "view").select_related("plan").order_by("plan", "order", "pk")


def actions_visible_to(user: Any) -> QuerySet[Action]:
    return (
        ACTION.scope(user, "view")
        .select_related("outcome")
        .prefetch_related("lead_staff")
        .order_by("outcome__plan", "outcome__order", "outcome", "order", "pk")
    )


def reviews_visible_to(user: Any) -> QuerySet[ActionReview]:
    return (
        REVIEW.scope(user, "view").select_related("reviewed_by").order_by("action", "-date", "-pk")
    )


def review_get(user: Any, pk: Any) -> ActionReview:
    return _get(reviews_visible_to(user), pk, "review")
