"""Staff background checks and training records: kept by programme staff, read by leads too.

The two kinds of record have the same pages (a list, "record one", "edit one"), made once
from a :class:`Pages` description of each (``heard.safeguarding.kept``).
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
from heard.safeguarding import filters, forms, selectors
from heard.safeguarding.kept import CHECKS, TRAINING, Kept


@dataclass(frozen=True)
class Pages:
    """The pages of one kind of staff record (``kept``), in their words."""

    kept: Kept
    form: type[Any]
    list_url: str
    add_title: str
    add_button: str
    added: Callable[[Any], str]
    edit_title: Callable[[Any], str]
    edited: Callable[[Any], str]


CHECK_PAGES = Pages(
    kept=CHECKS,
    form=forms.BackgroundCheckForm,
    list_url="safeguarding:check-list",
    add_title="Record a background check",
    add_button="Record check",
    added=lambda check: f"Background check recorded for {check.staff.full_name}.",
    edit_title=lambda check: f"Edit the background check for {check.staff.full_name}",
    edited=lambda check: f"Background check for {check.staff.full_name} updated.",
)

TRAINING_PAGES = Pages(
    kept=TRAINING,
    form=forms.TrainingRecordForm,
    list_url="safeguarding:training-list",
    add_title="Record training",
    add_button="Record training",
    added=lambda record: f"Training recorded for {record.staff.full_name}.",
    edit_title=lambda record: f"Edit training: {record.course}",
    edited=lambda record: f"Training record for {record.staff.full_name} updated.",
)


def _create(request: HttpRequest, pages: Pages) -> HttpResponse:
    user, kept = request.user, pages.kept
    require(user, kept.permission("add"))
    form = pages.form(request.POST or None, initial=request.GET.dict())
    return form_page(
        request,
        form,
        lambda: kept.record(actor=user, **form.cleaned_data),
        success=pages.added,
        then=pages.list_url,
        title=pages.add_title,
        submit_label=pages.add_button,
        cancel_url=reverse(pages.list_url),
    )


def _edit(request: HttpRequest, pages: Pages, pk: int) -> HttpResponse:
    user, kept = request.user, pages.kept
    require(user, kept.permission("view"))
    obj = kept.get(user, pk)
    require(user, kept.permission("change"), obj)
    initial = {name: getattr(obj, name) for name in kept.fields}
    form = pages.form(request.POST or None, initial=initial)
    history = ""
    if can(user, "core.view_history"):
        history = reverse("core:history", args=[f"safeguarding.{kept.model_name}", obj.pk])
    return form_page(
        request,
        form,
        lambda: kept.update(user, obj, **changed_values(form)),
        success=pages.edited(obj),
        then=pages.list_url,
        title=pages.edit_title(obj),
        submit_label="Save changes",
        cancel_url=reverse(pages.list_url),
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
        return self.kept.visible_to(self.request.user)


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
    return _create(request, CHECK_PAGES)


@login_required
def check_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, CHECK_PAGES, pk)


@login_required
def training_create(request: HttpRequest) -> HttpResponse:
    return _create(request, TRAINING_PAGES)


@login_required
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, TRAINING_PAGES, pk)
