"""Pages for a plan's outcomes, their actions and the actions' reviews."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import DATE
from heard.core.forms import form_page
from heard.core.permissions import require
from heard.core.record_views import values_of
from heard.core.records import Record
from heard.plans import selectors, services
from heard.plans.forms import ActionForm, OutcomeForm, ReviewForm
from heard.plans.views._common import action_url, actor, outcome_url, plan_url

REVIEW_COLUMNS = (
    DATE,
    tables.Column(gettext_lazy("Progress"), "get_progress_display"),
    tables.Column(gettext_lazy("Comment"), cell="{{ row.comment|default:'-'|linebreaksbr }}"),
    tables.Column(
        gettext_lazy("Reviewed by"), cell='{{ row.reviewed_by.full_name|default:"System" }}'
    ),
)


ACTION_VALUES = values_of("text", "lead_text", "timescale", "due_on", "resources", "risks")
OUTCOME = Record(
    "plans:outcome",
    "plans.outcome",
    selectors.outcome_get,
    form=OutcomeForm,
    initial=values_of("standard", "number", "text"),
    form_user=False,
    page=outcome_url,
    label=str,
)
ACTION = Record(
    "plans:action",
    "plans.action",
    selectors.action_get,
    form=ActionForm,
    initial=lambda action: {
        **ACTION_VALUES(action),
        "lead_staff": list(action.lead_staff.values_list("pk", flat=True)),
    },
    form_kwargs=lambda request, action: {"plan": action.outcome.plan},
    form_user=False,
    page=action_url,
    label=str,
)


def _item_views(
    record: Record,
    update: Callable[..., Any],
    delete: Callable[..., Any],
    back: Callable[[Any], str],
) -> tuple[Any, Any]:
    """An item's edit page ("Edit the <noun>", saved with "Save"), and the confirmation page of
    its delete, which goes ``back(item)`` once confirmed."""
    edit = record.edit_view(
        update, title=lambda obj: f"Edit the {record.name}", submit_label="Save"
    )
    return edit, record.confirm_view(
        "delete",
        delete,
        template="plans/confirm_delete.html",
        title=lambda obj: f"Delete this {record.name}?",
        success=f"{record.name.capitalize()} deleted.",
        then=back,
        back=back,
    )


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


outcome_edit, outcome_delete = _item_views(
    OUTCOME,
    services.outcome_update,
    services.outcome_delete,
    back=lambda outcome: plan_url(outcome.plan),
)
action_add = OUTCOME.form_view(
    "change",
    services.action_add,
    form=ActionForm,
    form_kwargs=lambda request, outcome: {"plan": outcome.plan},
    title=lambda outcome: "Add a supporting action",
    submit_label="Add action",
    success="Action added.",
    name="action_add",
)


def _action_page(request: HttpRequest, action: Any) -> dict[str, Any]:
    return {
        "outcome": action.outcome,
        "plan": action.outcome.plan,
        "title": str(action) or "Action",
        "leads": list(action.lead_staff.all()),
        "reviews": list(action.reviews.select_related("reviewed_by")),
        "review_columns": REVIEW_COLUMNS,
        "overdue": action.is_overdue(timezone.localdate()),
    }


action_detail = ACTION.detail_view("plans/action_detail.html", _action_page)


action_edit, action_delete = _item_views(
    ACTION,
    services.action_update,
    services.action_delete,
    back=lambda action: outcome_url(action.outcome),
)
review_add = ACTION.form_view(
    "change",
    services.action_review_add,
    form=ReviewForm,
    initial=lambda request, action: {"date": timezone.localdate()},
    title=lambda action: "Record a review",
    submit_label="Record review",
    success="Review recorded.",
    name="review_add",
)
