"""Pages for a plan's outcomes, their actions and the actions' reviews."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from heard.core import tables
from heard.core.forms import changed_values, form_page
from heard.core.permissions import can, require
from heard.plans import selectors, services
from heard.plans.forms import ActionForm, OutcomeForm, ReviewForm
from heard.plans.views._common import action_url, actor, outcome_url, plan_url

REVIEW_COLUMNS = (
    tables.Column("Date", "date"),
    tables.Column("Progress", "get_progress_display"),
    tables.Column("Comment", cell="{{ row.comment|default:'-'|linebreaksbr }}"),
    tables.Column("Reviewed by", cell='{{ row.reviewed_by.full_name|default:"System" }}'),
)


def _confirm_delete(
    request: HttpRequest, record: Any, *, what: str, back: str, delete: Callable[[], None]
) -> HttpResponse:
    """The confirmation page of a delete, and the delete once confirmed."""
    if request.method == "POST":
        delete()
        messages.success(request, f"{what.capitalize()} deleted.")
        return redirect(back)
    context = {
        "title": f"Delete this {what}?",
        "record": record,
        "what": f"the {what}" + (" and its actions" if what == "outcome" else ""),
        "confirm": f"Yes, delete the {what}",
        "cancel_url": back,
    }
    return render(request, "plans/confirm_delete.html", context)


@login_required
def outcome_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.user, pk)
    require(request.user, "plans.change_actionplan", plan)
    form = OutcomeForm(request.POST or None, initial={"standard": request.GET.get("standard")})
    return form_page(
        request,
        form,
        lambda: services.outcome_add(actor=actor(request), plan=plan, **form.cleaned_data),
        success="Outcome added.",
        then=outcome_url,
        title="Add an outcome",
        submit_label="Add outcome",
        cancel_url=plan_url(plan),
    )


@login_required
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = selectors.outcome_get(request.user, pk)
    require(request.user, "plans.change_outcome", outcome)
    initial = {"standard": outcome.standard, "number": outcome.number, "text": outcome.text}
    form = OutcomeForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda: services.outcome_update(
            actor=actor(request), outcome=outcome, **changed_values(form)
        ),
        success="Outcome updated.",
        then=outcome_url(outcome),
        title="Edit the outcome",
        cancel_url=outcome_url(outcome),
    )


@login_required
def outcome_delete(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = selectors.outcome_get(request.user, pk)
    require(request.user, "plans.delete_outcome", outcome)
    return _confirm_delete(
        request,
        outcome,
        what="outcome",
        back=plan_url(outcome.plan),
        delete=lambda: services.outcome_delete(actor=actor(request), outcome=outcome),
    )


@login_required
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = selectors.outcome_get(request.user, pk)
    require(request.user, "plans.change_outcome", outcome)
    form = ActionForm(request.POST or None, plan=outcome.plan)
    return form_page(
        request,
        form,
        lambda: services.action_add(actor=actor(request), outcome=outcome, **form.cleaned_data),
        success="Action added.",
        then=lambda added: outcome_url(outcome),
        title="Add a supporting action",
        submit_label="Add action",
        cancel_url=outcome_url(outcome),
    )


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(request.user, pk)
    can_change = can(request.user, "plans.change_action", action)
    context = {
        "action": action,
        "outcome": action.outcome,
        "plan": action.outcome.plan,
        "title": str(action) or "Action",
        "leads": list(action.lead_staff.all()),
        "reviews": list(action.reviews.select_related("reviewed_by")),
        "review_columns": REVIEW_COLUMNS,
        "can_change": can_change,
        "can_delete": can(request.user, "plans.delete_action", action),
        "overdue": action.is_overdue(timezone.localdate()),
        "can_view_history": can(request.user, "core.view_history"),
    }
    return render(request, "plans/action_detail.html", context)


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(request.user, pk)
    require(request.user, "plans.change_action", action)
    initial = {
        name: getattr(action, name)
        for name in ("text", "lead_text", "timescale", "due_on", "resources", "risks")
    }
    initial["lead_staff"] = list(action.lead_staff.values_list("pk", flat=True))
    form = ActionForm(request.POST or None, plan=action.outcome.plan, initial=initial)
    return form_page(
        request,
        form,
        lambda: services.action_update(actor=actor(request), action=action, **changed_values(form)),
        success="Action updated.",
        then=action_url(action),
        title="Edit the action",
        cancel_url=action_url(action),
    )


@login_required
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(request.user, pk)
    require(request.user, "plans.delete_action", action)
    return _confirm_delete(
        request,
        action,
        what="action",
        back=outcome_url(action.outcome),
        delete=lambda: services.action_delete(actor=actor(request), action=action),
    )


@login_required
def review_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(request.user, pk)
    require(request.user, "plans.change_action", action)
    form = ReviewForm(request.POST or None, initial={"date": timezone.localdate()})
    return form_page(
        request,
        form,
        lambda: services.action_review_add(
            actor=actor(request), action=action, **form.cleaned_data
        ),
        success="Review recorded.",
        then=action_url(action),
        title="Record a review",
        submit_label="Record review",
        cancel_url=action_url(action),
    )
