"""The action plans records and request bodies for the documented-answers test
(tests/api/test_openapi.py): one of each, and a body for each write."""

from __future__ import annotations

import datetime
from typing import Any

from heard.plans.services import action_add, action_review_add, outcome_add, plan_create


def plan_requests(organisation: Any, today: str) -> tuple[dict, dict]:
    plan = plan_create(
        actor=None,
        organisation=organisation,
        period="2026-27",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2027, 3, 31),
        title="Active involvement action plan",
    )
    outcome = outcome_add(actor=None, plan=plan, standard="strategy", text="Plans show views.")
    action = action_add(actor=None, outcome=outcome, text="Review the Big Plan with CYP.")
    review = action_review_add(
        actor=None, action=action, date=datetime.date(2026, 10, 1), progress="on_track"
    )
    ids = {
        "/api/v1/action-plans/": plan.pk,
        "/api/v1/plan-outcomes/": outcome.pk,
        "/api/v1/plan-actions/": action.pk,
        "/api/v1/plan-action-reviews/": review.pk,
    }
    bodies = {
        ("post", "/api/v1/action-plans/"): {
            "organisation": organisation.pk,
            "period": "2027-28",
            "title": "Next year's plan",
            "starts_on": "2027-04-01",
            "ends_on": "2028-03-31",
        },
        ("patch", "/api/v1/action-plans/{id}/"): {"title": "Our action plan"},
        ("post", "/api/v1/plan-outcomes/"): {
            "plan": plan.pk,
            "standard": "systems",
            "text": "Young people audit services.",
        },
        ("patch", "/api/v1/plan-outcomes/{id}/"): {"number": "2.1"},
        ("post", "/api/v1/plan-actions/"): {"outcome": outcome.pk, "text": "Train auditors."},
        ("patch", "/api/v1/plan-actions/{id}/"): {"risks": "Funding."},
        ("post", "/api/v1/plan-action-reviews/"): {
            "action": action.pk,
            "date": today,
            "progress": "at_risk",
        },
    }
    return ids, bodies
