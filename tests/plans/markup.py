"""A plan whose every stored string is a payload, for the stored-markup crawl
(tests/core/test_form_markup.py), and the ids each plans page needs."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from heard.plans import services


def plan_pages(organisation: Any, staff: Any, payload: Callable[[str], str]) -> dict[str, Any]:
    plan = services.plan_create(
        actor=None,
        organisation=organisation,
        period=payload("P")[:20],
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2027, 3, 31),
        title=payload("Plan"),
    )
    outcome = services.outcome_add(
        actor=None, plan=plan, standard="staff", number=payload("")[:16], text=payload("Outcome")
    )
    action = services.action_add(
        actor=None,
        outcome=outcome,
        text=payload("Action"),
        lead_staff=[staff],
        lead_text=payload("CB"),
        timescale=payload("May"),
        resources=payload("Money"),
        risks=payload("Risk"),
        due_on=datetime.date(2026, 5, 1),
    )
    services.action_review_add(
        actor=None,
        action=action,
        date=datetime.date(2026, 6, 1),
        progress="at_risk",
        comment=payload("Comment"),
    )
    by_plan = {"pk": plan.pk}
    return {
        "plans:plan-detail": by_plan,
        "plans:plan-edit": by_plan,
        "plans:plan-delete": by_plan,
        "plans:plan-export": by_plan,
        "plans:plan-copy": by_plan,
        "plans:plan-import": by_plan,
        "plans:outcome-add": by_plan,
        "plans:outcome-edit": {"pk": outcome.pk},
        "plans:outcome-delete": {"pk": outcome.pk},
        "plans:action-add": {"pk": outcome.pk},
        "plans:action-detail": {"pk": action.pk},
        "plans:action-edit": {"pk": action.pk},
        "plans:action-delete": {"pk": action.pk},
        "plans:review-add": {"pk": action.pk},
    }
