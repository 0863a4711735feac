"""Pages for action plans: the list, a plan grouped by standard, add, edit and delete."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import ORGANISATION, PERIOD
from heard.core.lists import StaffListView
from heard.core.permissions import can
from heard.core.record_views import values_of
from heard.core.records import Record
from heard.plans import selectors, services
from heard.plans.filters import ActionPlanFilter
from heard.plans.forms import PlanForm


class ActionPlanListView(StaffListView):
    template_name = "plans/plan_list.html"
    filterset_class = ActionPlanFilter
    permission_required = "plans.view_actionplan"
    title = "Action plans"
    columns = (
        tables.Column(
            gettext_lazy("Plan"),
            "title",
            cell='<a class="govuk-link" href="{% url "plans:plan-detail" row.pk %}">'
            "{{ row.title }}</a>",
        ),
        ORGANISATION,
        PERIOD,
        tables.Column(gettext_lazy("Starts"), "starts_on"),
        tables.Column(gettext_lazy("Ends"), "ends_on"),
        tables.Column(gettext_lazy("Outcomes"), "outcome_count", numeric=True),
    )
    selector = staticmethod(selectors.plans_visible_to)
    context_permissions = {"can_add": "plans.add_actionplan"}


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.user, pk)
    sections = selectors.plan_sections(plan)
    context = {
        "plan": plan,
        "title": str(plan),
        "sections": sections,
        "progress": selectors.plan_progress(sections),
        "can_change": can(request.user, "plans.change_actionplan", plan),
        "can_delete": can(request.user, "plans.delete_actionplan", plan),
        "can_add_plan": can(request.user, "plans.add_actionplan"),
        "can_view_history": can(request.user, "core.view_history"),
    }
    return render(request, "plans/plan_detail.html", context)


PLAN = Record(
    "plans:plan",
    "plans.actionplan",
    selectors.plan_get,
    form=PlanForm,
    initial=values_of(
        "period",
        "title",
        "starts_on",
        "ends_on",
        "review_every_months",
        organisation="organisation_id",
    ),
)
plan_create = PLAN.create_view(
    services.plan_create,
    title="Add an action plan",
    submit_label="Add action plan",
    success=lambda plan: f"Action plan “{plan.title}” added.",
    initial=lambda request: {"review_every_months": 6},
)
plan_edit = PLAN.edit_view(
    services.plan_update,
    title=lambda plan: f"Edit {plan}",
    submit_label="Save",
    success="Action plan updated.",
)
plan_delete = PLAN.confirm_view(
    "delete",
    services.plan_delete,
    template="plans/confirm_delete.html",
    title=lambda plan: "Delete this action plan?",
    success=lambda plan: f"Action plan “{plan.title}” deleted.",
    then=lambda plan: PLAN.list_url(),
    context=lambda plan: {
        "noun": "action plan",
        "what": "the plan, its outcomes, their actions and every review of them",
    },
)
