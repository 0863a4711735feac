"""What the plans pages share."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse

from heard.people.models import User


def actor(request: HttpRequest) -> User:
    """The signed-in staff member acting (every page here requires sign-in)."""
    return cast(User, request.user)


def plan_url(plan: Any, anchor: str = "") -> str:
    url = reverse("plans:plan-detail", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


def outcome_url(outcome: Any) -> str:
    return plan_url(outcome.plan, f"outcome-{outcome.pk}")


def action_url(action: Any) -> str:
    return reverse("plans:action-detail", args=[action.pk])
