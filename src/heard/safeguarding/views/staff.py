"""Staff background checks and training records: kept by programme staff, read by leads too.

The two kinds of record have the same pages (a list, "record one", "edit one"), made once
from a :class:`Kept` description of each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from heard.core.exports import Column
from heard.core.forms import changed_values, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.safeguarding import filters, forms, selectors, services


@dataclass(frozen=True)
class Kept:
    """One kind of staff record, as its pages need it."""

    model_name: str  # as in the permissions: safeguarding.<action>_<model_name>
    form: type[Any]
    fields: tuple[str, ...]
    list_url: str
    get: Callable[[Any, Any], Any]
    record: Callable[..., Any]
    update: Callable[..., Any]
    #: The words of the pages: "Record a background check", "Record check", ...
    add_title: str
    add_button: str
    added: Callable[[Any], str]
    edit_title: Callable[[Any], str]
    edited: Callable[[Any], str]

    def permission(self, action: str) -> str:
        return f"safeguarding.{action}_{self.model_name}"


CHECKS = Kept(
    model_name="backgroundcheck",
    form=forms.BackgroundCheckForm,
    fields=services.CHECK_FIELDS,
    list_url="safeguarding:check-list",
    get=selectors.background_check_get,
    record=services.background_check_record,
    update=lambda actor, obj, **fields: services.background_check_update(
        actor=actor, check=obj, **fields
    ),
    add_title="Record a background check",
    add_button="Record check",
    added=lambda check: f"Background check recorded for {check.staff.full_name}.",
    edit_title=lambda check: f"Edit the background check for {check.staff.full_name}",
    edited=lambda check: f"Background check for {check.staff.full_name} updated.",
)

TRAINING = Kept(
    model_name="trainingrecord",
    form=forms.TrainingRecordForm,
    fields=services.TRAINING_FIELDS,
    list_url="safeguarding:training-list",
    get=selectors.training_record_get,
    record=services.training_record_add,
    update=lambda actor, obj, **fields: services.training_record_update(
        actor=actor, record=obj, **fields
    ),
    add_title="Record training",
    add_button="Record training",
    added=lambda record: f"Training recorded for {record.staff.full_name}.",
    edit_title=lambda record: f"Edit training: {record.course}",
    edited=lambda record: f"Training record for {record.staff.full_name} updated.",
)


def _create(request: HttpRequest, kept: Kept) -> HttpResponse:
    user = request.user
    require(user, kept.permission("add"))
    form = kept.form(request.POST or None, initial=request.GET.dict())
    return form_page(
        request,
        form,
        lambda: kept.record(actor=user, **form.cleaned_data),
        success=kept.added,
        then=kept.list_url,
        title=kept.add_title,
        submit_label=kept.add_button,
        cancel_url=reverse(kept.list_url),
    )


def _edit(request: HttpRequest, kept: Kept, pk: int) -> HttpResponse:
    user = request.user
    require(user, kept.permission("view"))
    obj = kept.get(user, pk)
    require(user, kept.permission("change"), obj)
    form = kept.form(
        request.POST or None, initial={name: getattr(obj, name) for name in kept.fields}
    )
    history = ""
    if can(user, "core.view_history"):
        history = reverse("core:history", args=[f"safeguarding.{kept.model_name}", obj.pk])
    return form_page(
        request,
        form,
        lambda: kept.update(user, obj, **changed_values(form)),
        success=kept.edited(obj),
        then=kept.list_url,
        title=kept.edit_title(obj),
        submit_label="Save changes",
        cancel_url=reverse(kept.list_url),
        history_url=history,
    )


class _KeptListView(StaffListView):
    kept: Kept

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_add"] = can(self.request.user, self.kept.permission("add"))
        context["today"] = timezone.localdate()
        return context


class BackgroundCheckListView(_KeptListView):
    kept = CHECKS
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


class TrainingRecordListView(_KeptListView):
    kept = TRAINING
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


@login_required
def check_create(request: HttpRequest) -> HttpResponse:
    return _create(request, CHECKS)


@login_required
def check_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, CHECKS, pk)


@login_required
def training_create(request: HttpRequest) -> HttpResponse:
    return _create(request, TRAINING)


@login_required
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, TRAINING, pk)
