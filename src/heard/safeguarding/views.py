"""Safeguarding pages: thin, they call selectors and services.

Anyone on the staff may raise a concern (from a session or a young person's page); after saving
they see a thank-you page and can never open the concern again. Only safeguarding leads reach the
concern pages: everyone else gets 403 before any lookup. Every concern a lead sees, in the list,
its CSV or on its own page, is audited.
"""

from __future__ import annotations

from typing import Any

import rules
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from heard.core.exports import Column
from heard.core.forms import changed_values, save_form
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.people import selectors as people_selectors
from heard.safeguarding import filters, forms, selectors, services
from heard.safeguarding.models import Concern

# Raising a concern -------------------------------------------------------------------------------


def _session_for(user: Any, pk: str | None) -> Any:
    """The session a concern is raised from, if the user may see it (looked up by string, since
    safeguarding sits below the participation app)."""
    if not pk or not pk.isdigit():
        return None
    session_model = apps.get_model("participation", "Session")
    session = session_model.objects.select_related("group", "young_person").filter(pk=pk).first()
    if session is None or not rules.has_perm("participation.view_session", user, session):
        raise Http404("No such session.")
    return session


@login_required
def concern_raise(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "safeguarding.add_concern")
    source = request.POST if request.method == "POST" else request.GET
    session = _session_for(user, source.get("session"))
    young_person = None
    if source.get("young_person", "").isdigit():
        young_person = people_selectors.young_person_get(user, int(source["young_person"]))
    if session is not None and young_person is None:
        young_person = session.young_person
    form = forms.ConcernForm(request.POST or None, user=user, fixed_young_person=young_person)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_raise(
                actor=user,
                young_person=young_person or form.cleaned_data.get("young_person_reference"),
                session=session,
                what_happened=form.cleaned_data["what_happened"],
                happened_at=form.happened_at(),
                who_was_present=form.cleaned_data["who_was_present"],
                immediate_action=form.cleaned_data["immediate_action"],
                child_told=form.cleaned_data["child_told"],
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            request.session["safeguarding_raised"] = concern.reference
            return redirect("safeguarding:concern-raised")
    if session is not None:
        cancel_url = reverse("participation:session-detail", args=[session.pk])
    elif young_person is not None:
        cancel_url = reverse("people:young-person-detail", args=[young_person.pk])
    else:
        cancel_url = reverse("home")
    context = {
        "form": form,
        "session": session,
        "young_person": young_person,
        "cancel_url": cancel_url,
        "title": "Raise a safeguarding concern",
    }
    return render(request, "safeguarding/concern_raise.html", context)


@login_required
def concern_raised(request: HttpRequest) -> HttpResponse:
    """Thank you, and what happens next. The concern itself is not shown, only its reference."""
    reference = request.session.pop("safeguarding_raised", None)
    if reference is None:
        return redirect("home")
    leads = selectors.safeguarding_leads()
    return render(
        request,
        "safeguarding/concern_raised.html",
        {"reference": reference, "leads": leads, "title": "Concern recorded"},
    )


# Safeguarding leads: concerns --------------------------------------------------------------------


def _require_lead(user: Any) -> None:
    if not can(user, "safeguarding.view_concern"):
        raise PermissionDenied


class ConcernListView(StaffListView):
    template_name = "safeguarding/concern_list.html"
    permission_required = "safeguarding.view_concern"
    filterset_class = filters.ConcernFilter
    title = "Safeguarding concerns"
    csv_filename = "safeguarding-concerns.csv"
    csv_columns: list[Column] = [
        ("Reference", "reference"),
        ("Raised", lambda c: timezone.localtime(c.created_at).strftime("%Y-%m-%d %H:%M")),
        ("Young person", lambda c: c.young_person.reference if c.young_person else ""),
        ("Status", "get_status_display"),
        ("Assigned to", lambda c: c.assigned_to.full_name if c.assigned_to else ""),
        ("Decision", "get_decision_display"),
        ("Referral date", "referral_date"),
        (
            "Closed",
            lambda c: timezone.localtime(c.closed_at).strftime("%Y-%m-%d") if c.closed_at else "",
        ),
    ]

    def get_base_queryset(self) -> Any:
        return selectors.concerns_visible_to(self.request.user)

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        if request.GET.get("format") == "csv":
            services.concerns_list_read(
                actor=request.user, concerns=list(self.get_queryset()), via="csv"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        services.concerns_list_read(actor=self.request.user, concerns=context["object_list"])
        context["waiting"] = selectors.concerns_waiting(user=self.request.user, now=timezone.now())
        return context


def _concern_page(request: HttpRequest, concern: Concern, **context: Any) -> HttpResponse:
    context.setdefault("title", f"Concern {concern.reference}")
    return render(request, "includes/form_page.html", context)


#: Entries of a concern's audit trail shown on each page of it.
TRAIL_PAGE_SIZE = 50


@login_required
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The concern, its handling and its audit trail (who read it and when, every change), for
    safeguarding leads; opening it is audited first, so the trail shows this read too."""
    user = request.user
    _require_lead(user)
    concern = services.concern_read(actor=user, pk=pk)
    trail = Paginator(selectors.concern_trail(user, concern), TRAIL_PAGE_SIZE)
    page = trail.get_page(request.GET.get("page"))
    context = {
        "concern": concern,
        "title": f"Concern {concern.reference}",
        "waiting": concern in selectors.concerns_waiting(user=user, now=timezone.now()),
        "page_obj": page,
        "trail": selectors.concern_trail_rows(page.object_list),
    }
    return render(request, "safeguarding/concern_detail.html", context)


@login_required
def concern_assign(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require_lead(user)
    concern = selectors.concern_get(user, pk)
    form = forms.ConcernAssignForm(
        request.POST or None, initial={"assigned_to": concern.assigned_to_id or user.pk}
    )
    if done := save_form(
        request,
        form,
        lambda: services.concern_assign(
            actor=user, concern=concern, assigned_to=form.cleaned_data["assigned_to"]
        ),
        success=f"Concern {concern.reference} assigned.",
        then=reverse("safeguarding:concern-detail", args=[concern.pk]),
    ):
        return done
    return _concern_page(
        request,
        concern,
        form=form,
        title=f"Assign concern {concern.reference}",
        submit_label="Assign",
        cancel_url=reverse("safeguarding:concern-detail", args=[concern.pk]),
    )


@login_required
def concern_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require_lead(user)
    concern = selectors.concern_get(user, pk)
    form = forms.ConcernDecisionForm(
        request.POST or None,
        initial={
            "decision": concern.decision,
            "decision_notes": concern.decision_notes,
            "referral_date": concern.referral_date,
            "referral_reference": concern.referral_reference,
        },
    )
    if done := save_form(
        request,
        form,
        lambda: services.concern_decide(actor=user, concern=concern, **form.cleaned_data),
        success=f"Decision recorded for concern {concern.reference}.",
        then=reverse("safeguarding:concern-detail", args=[concern.pk]),
    ):
        return done
    return _concern_page(
        request,
        concern,
        form=form,
        title=f"Record the decision on concern {concern.reference}",
        submit_label="Record decision",
        cancel_url=reverse("safeguarding:concern-detail", args=[concern.pk]),
    )


@login_required
def concern_close(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then close: a closed concern cannot be changed."""
    user = request.user
    _require_lead(user)
    concern = selectors.concern_get(user, pk)
    error = ""
    if request.method == "POST":
        try:
            services.concern_close(actor=user, concern=concern)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"Concern {concern.reference} closed.")
            return redirect("safeguarding:concern-detail", pk=concern.pk)
    return render(
        request,
        "safeguarding/concern_close.html",
        {"concern": concern, "error": error, "title": f"Close concern {concern.reference}"},
    )


# Staff checks and training -----------------------------------------------------------------------


class BackgroundCheckListView(StaffListView):
    template_name = "safeguarding/check_list.html"
    permission_required = "safeguarding.view_backgroundcheck"
    filterset_class = filters.BackgroundCheckFilter
    title = "Staff background checks"
    csv_filename = "background-checks.csv"
    csv_columns: list[Column] = [
        ("Staff", "staff.full_name"),
        ("Email", "staff.email"),
        ("Kind", "get_kind_display"),
        ("Certificate number", "certificate_number"),
        ("Issued on", "issued_on"),
        ("Renewal due", "renewal_due"),
    ]

    def get_base_queryset(self) -> Any:
        return selectors.background_checks_visible_to(self.request.user).order_by(
            "staff__full_name", "-renewal_due"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_add"] = can(self.request.user, "safeguarding.add_backgroundcheck")
        context["today"] = timezone.localdate()
        return context


@login_required
def checks_due(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "safeguarding.view_backgroundcheck")
    today = timezone.localdate()
    context = {
        "title": "Checks due",
        "today": today,
        "checks": selectors.checks_due(user=user, today=today),
        "without": selectors.staff_without_current_check(user=user, today=today),
        "can_add": can(user, "safeguarding.add_backgroundcheck"),
    }
    return render(request, "safeguarding/checks_due.html", context)


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "includes/form_page.html", {"form": form, **context})


@login_required
def check_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "safeguarding.add_backgroundcheck")
    form = forms.BackgroundCheckForm(request.POST or None, initial=request.GET.dict())
    if done := save_form(
        request,
        form,
        lambda: services.background_check_record(actor=user, **form.cleaned_data),
        success=lambda check: f"Background check recorded for {check.staff.full_name}.",
        then="safeguarding:check-list",
    ):
        return done
    return _form_page(
        request,
        form,
        title="Record a background check",
        submit_label="Record check",
        cancel_url=reverse("safeguarding:check-list"),
    )


@login_required
def check_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    require(user, "safeguarding.view_backgroundcheck")
    check = selectors.background_check_get(user, pk)
    require(user, "safeguarding.change_backgroundcheck", check)
    initial = {name: getattr(check, name) for name in services.CHECK_FIELDS}
    form = forms.BackgroundCheckForm(request.POST or None, initial=initial)
    if done := save_form(
        request,
        form,
        lambda: services.background_check_update(actor=user, check=check, **changed_values(form)),
        success=f"Background check for {check.staff.full_name} updated.",
        then="safeguarding:check-list",
    ):
        return done
    return _form_page(
        request,
        form,
        title=f"Edit the background check for {check.staff.full_name}",
        submit_label="Save changes",
        cancel_url=reverse("safeguarding:check-list"),
        history_url=reverse("core:history", args=["safeguarding.backgroundcheck", check.pk])
        if can(user, "core.view_history")
        else "",
    )


class TrainingRecordListView(StaffListView):
    template_name = "safeguarding/training_list.html"
    permission_required = "safeguarding.view_trainingrecord"
    filterset_class = filters.TrainingRecordFilter
    title = "Staff training"
    csv_filename = "staff-training.csv"
    csv_columns: list[Column] = [
        ("Staff", "staff.full_name"),
        ("Email", "staff.email"),
        ("Course", "course"),
        ("Completed on", "completed_on"),
        ("Expires on", "expires_on"),
    ]

    def get_base_queryset(self) -> Any:
        return selectors.training_records_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_add"] = can(self.request.user, "safeguarding.add_trainingrecord")
        context["today"] = timezone.localdate()
        return context


@login_required
def training_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "safeguarding.add_trainingrecord")
    form = forms.TrainingRecordForm(request.POST or None, initial=request.GET.dict())
    if done := save_form(
        request,
        form,
        lambda: services.training_record_add(actor=user, **form.cleaned_data),
        success=lambda record: f"Training recorded for {record.staff.full_name}.",
        then="safeguarding:training-list",
    ):
        return done
    return _form_page(
        request,
        form,
        title="Record training",
        submit_label="Record training",
        cancel_url=reverse("safeguarding:training-list"),
    )


@login_required
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    require(user, "safeguarding.view_trainingrecord")
    record = selectors.training_record_get(user, pk)
    require(user, "safeguarding.change_trainingrecord", record)
    initial = {name: getattr(record, name) for name in services.TRAINING_FIELDS}
    form = forms.TrainingRecordForm(request.POST or None, initial=initial)
    if done := save_form(
        request,
        form,
        lambda: services.training_record_update(
            actor=user,
            record=record,
            **changed_values(form),
        ),
        success=f"Training record for {record.staff.full_name} updated.",
        then="safeguarding:training-list",
    ):
        return done
    return _form_page(
        request,
        form,
        title=f"Edit training: {record.course}",
        submit_label="Save changes",
        cancel_url=reverse("safeguarding:training-list"),
    )
