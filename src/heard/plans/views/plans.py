"""Pages for action plans: the list, a plan grouped by standard, add, edit and delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from heard.core import tables
from heard.core.forms import changed_values, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.plans import selectors, services
from heard.plans.filters import ActionPlanFilter
from heard.plans.forms import PlanForm
from heard.plans.views._common import actor, plan_url


class ActionPlanListView(StaffListView):
    template_name = "plans/plan_list.html"
    filterset_class = ActionPlanFilter
    permission_required = "plans.view_actionplan"
    title = "Action plans"
    csv_filename = "action-plans.csv"
    columns = (
        tables.Column(
            "Plan",
            "title",
            cell='<a class="govuk-link" href="{% url "plans:plan-detail" row.pk %}">'
            "{{ row.title }}</a>",
        ),
        tables.Column("Organisation", "organisation.name"),
        tables.Column("Period", "period"),
        tables.Column("Starts", "starts_on"),
        tables.Column("Ends", "ends_on"),
        tables.Column("Outcomes", "outcome_count", numeric=True),
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


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "plans.add_actionplan")
    form = PlanForm(request.POST or None, user=request.user, initial={"review_every_months": 6})
    return form_page(
        request,
        form,
        lambda: services.plan_create(actor=actor(request), **form.cleaned_data),
        success=lambda plan: f"Action plan “{plan.title}” added.",
        then=plan_url,
        title="Add an action plan",
        submit_label="Add action plan",
        cancel_url=reverse("plans:plan-list"),
    )


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.user, pk)
    require(request.user, "plans.change_actionplan", plan)
    initial = {
        "organisation": plan.organisation_id,
        "period": plan.period,
        "title": plan.title,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "review_every_months": plan.review_every_months,
    }
    form = PlanForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form,
        lambda: services.plan_update(actor=actor(request), plan=plan, **changed_values(form)),
        success="Action plan updated.",
        then=plan_url(plan),
        title=f"Edit {plan}",
        cancel_url=plan_url(plan),
    )


@login_required
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.user, pk)
    require(request.user, "plans.delete_actionplan", plan)
    if request.method == "POST":
        services.plan_delete(actor=actor(request), plan=plan)
        messages.success(request, f"Action plan “{plan.title}” deleted.")
        return redirect("plans:plan-list")
    context = {
        "title": "Delete this action plan?",
        "obj": plan,
        "noun": "action plan",
        "what": "the plan, its outcomes, their actions and every review of them",
        "cancel_url": plan_url(plan),
    }
    return render(request, "plans/confirm_delete.html", context)
