"""A plan in and out of spreadsheets: its export in seed 001's layout (CSV, XLSX), the partner's
blank template, a new plan copied from it, and the import with a dry run."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from heard.core.forms import form_page
from heard.core.permissions import require
from heard.jobs import imports
from heard.plans import import_job, selectors, services
from heard.plans.exchange import files
from heard.plans.exchange.layout import plan_rows
from heard.plans.exchange.reading import PlanReading, read_plan
from heard.plans.forms import CopyForm, ImportChoicesForm, ImportForm, lead_candidates
from heard.plans.models import ActionPlan
from heard.plans.views._common import actor, plan_url

#: Where the import keeps the rows it read between the dry run and the confirmation.
IMPORT_SESSION_KEY = "plans_import_{}"


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan (``?blank=1``: its outcomes with empty actions, the partner's template) as CSV,
    or XLSX with ``?format=xlsx``."""
    plan = selectors.plan_get(request.user, pk)
    blank = request.GET.get("blank") == "1"
    rows = list(plan_rows(plan, selectors.plan_outcomes(plan), blank=blank))
    name = slugify(f"{plan.organisation.name} {plan.period} {'template' if blank else 'plan'}")
    if request.GET.get("format") == "xlsx":
        return files.xlsx_download(rows, f"{name}.xlsx", sheet=f"Action plan {plan.period}")
    return files.csv_download(rows, f"{name}.csv")


@login_required
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.user, pk)
    require(request.user, "plans.add_actionplan")
    initial = {
        "organisation": plan.organisation_id,
        "title": plan.title,
        "review_every_months": plan.review_every_months,
        "with_actions": "no" if request.GET.get("blank") == "1" else "yes",
    }
    form = CopyForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form,
        lambda: services.plan_copy(actor=actor(request), plan=plan, **form.cleaned_data),
        success=lambda new: f"Action plan “{new.title}” started from {plan.period}.",
        then=plan_url,
        title="Start a new plan from this one",
        submit_label="Start the new plan",
        cancel_url=plan_url(plan),
    )


def _reading(request: HttpRequest, plan: ActionPlan, choices: dict[str, str]) -> PlanReading | None:
    rows = request.session.get(IMPORT_SESSION_KEY.format(plan.pk))
    return None if rows is None else read_plan(rows, choices)


def _choices_form(
    request: HttpRequest, plan: ActionPlan, reading: PlanReading, data: Any = None
) -> ImportChoicesForm:
    return ImportChoicesForm(
        data,
        sections=reading.section_names,
        initials=reading.initials,
        staff=lead_candidates(plan),
    )


def _read_upload(form: ImportForm) -> tuple[list[list[str]], str]:
    upload = form.cleaned_data.get("file")
    if upload is None:
        return files.rows_from_text(form.cleaned_data["text"]), "pasted text"
    data = upload.read()
    if upload.name.lower().endswith(".xlsx"):
        return files.rows_from_xlsx(data), upload.name
    return files.rows_from_text(data.decode("utf-8-sig", errors="replace")), upload.name


@login_required
def plan_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Paste or upload, see how every row was understood and answer what could not be mapped,
    then confirm: everything is added, or nothing."""
    plan = selectors.plan_get(request.user, pk)
    require(request.user, "plans.change_actionplan", plan)
    key = IMPORT_SESSION_KEY.format(plan.pk)
    step = request.POST.get("step") if request.method == "POST" else None
    form = ImportForm()
    reading = choices = None
    if step == "read":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows, source = _read_upload(form)
            except Exception:  # noqa: BLE001 - any unreadable file is the user's to fix
                form.add_error("file", _("The file could not be read: upload a CSV or XLSX file."))
            else:
                request.session[key] = rows
                request.session[key + "_source"] = source
                reading = read_plan(rows)
                choices = _choices_form(request, plan, reading)
    elif step == "confirm":
        reading = _reading(request, plan, {})
        if reading is None:
            messages.info(request, _("Paste or upload the table again: the one read was not kept."))
            return redirect("plans:plan-import", pk=plan.pk)
        choices = _choices_form(request, plan, reading, request.POST)
        if choices.is_valid():
            reading = _reading(request, plan, choices.section_choices())
            saved = _save(request, plan, reading, choices)
            if saved is not None:
                return saved
    context: dict[str, Any] = {
        "plan": plan,
        "title": _("Import outcomes and actions"),
        "form": form,
        "reading": reading,
        "choices": choices,
        "cancel_url": plan_url(plan),
    }
    return render(request, "plans/plan_import.html", context)


def _save(
    request: HttpRequest, plan: ActionPlan, reading: PlanReading | None, choices: ImportChoicesForm
) -> HttpResponse | None:
    key = IMPORT_SESSION_KEY.format(plan.pk)
    if reading is None or not reading.ready:
        choices.add_error(None, _("Nothing was imported: answer every question first."))
        return None
    # Added by a background job (issue 20), all or nothing, as the requester at run time.
    job = imports.start(
        actor(request),
        import_job.PLAN_IMPORT,
        upload=request.session.pop(key),
        label=f"Import of {len(reading.outcomes)} outcomes and {reading.action_count} actions "
        f"into {plan.title}"[:200],
        then=plan_url(plan),
        **import_job.params(
            plan=plan,
            choices=choices.section_choices(),
            leads=choices.leads(),
            source=request.session.pop(key + "_source", "a file"),
        ),
    )
    return imports.job_page(job)
