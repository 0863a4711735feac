"""Pages for reach, its benchmark population shares and least-heard targets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from heard.core import disclosure
from heard.core.exports import Column, csv_response
from heard.core.forms import form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.privacy import filters, forms, selectors, services
from heard.privacy.services.reach import TARGET_FIELDS

REACH_CSV_COLUMNS: list[Column] = [
    ("Characteristic", "characteristic"),
    ("Value", "label"),
    ("Took part", "took_part"),
    ("Took part actively", "active"),
    ("Share of those who took part (%)", "share"),
    ("Benchmark share (%)", "benchmark"),
    ("Gap (percentage points)", "gap"),
]


@login_required
def reach(request: HttpRequest) -> HttpResponseBase:
    if not can(request.user, "privacy.view_reach"):
        raise PermissionDenied
    form = forms.ReachForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_bound and form.is_valid() else _default_period(request.user)
    report = selectors.reach(
        user=request.user,
        start=data["start"],
        end=data["end"],
        area=data.get("area") or "",
        organisation=data.get("organisation"),
    )
    if request.GET.get("format") == "csv":
        rows = [
            {"characteristic": table.label, **row.__dict__}
            for table in report.tables
            for row in table.rows
        ]
        return csv_response(
            rows_as_objects(rows), REACH_CSV_COLUMNS, f"reach-{report.start}-{report.end}.csv"
        )
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "privacy/reach.html",
        {
            "form": form,
            "report": report,
            "csv_query": (query.urlencode() + "&" if query else "") + "format=csv",
            "can_change": can(request.user, "privacy.change_benchmarkshare"),
            # ADR 0008: the periods a protected reader may choose, as links.
            "periods": [] if report.exact else disclosure.reporting_periods(timezone.localdate()),
        },
    )


def _default_period(user: Any) -> dict[str, Any]:
    form = forms.ReachForm({}, user=user)
    form.is_valid()
    return form.cleaned_data


class _Row:
    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def rows_as_objects(rows: list[dict[str, Any]]) -> list[_Row]:
    return [_Row(row) for row in rows]


# Benchmarks and targets ---------------------------------------------------------------------------


class _SettingsList(StaffListView):
    """A list of reach's settings: read by whoever reads reach, changed by ``change_permission``."""

    permission_required = "privacy.view_reach"
    change_permission = ""
    rows: Callable[[], QuerySet[Any]]

    def get_base_queryset(self) -> Any:
        return type(self).rows()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_change"] = can(self.request.user, self.change_permission)
        return context


class BenchmarkListView(_SettingsList):
    template_name = "privacy/benchmark_list.html"
    change_permission = "privacy.change_benchmarkshare"
    rows = selectors.benchmarks_list
    filterset_class = filters.BenchmarkFilter
    title = "Benchmark population shares"
    csv_filename = "benchmark-shares.csv"
    csv_columns: list[Column] = [
        ("characteristic", "characteristic"),
        ("value", "value"),
        ("area", "area"),
        ("share", "share"),
        ("source", "source"),
    ]


@login_required
def benchmark_add(request: HttpRequest) -> HttpResponse:
    require(request.user, "privacy.change_benchmarkshare")
    form = forms.BenchmarkForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.benchmark_share_save(actor=request.user, **form.cleaned_data),
        success="Benchmark share saved.",
        then="privacy:benchmarks",
        title="Set a benchmark population share",
        cancel_url=reverse("privacy:benchmarks"),
    )


@login_required
def benchmark_import(request: HttpRequest) -> HttpResponse:
    require(request.user, "privacy.change_benchmarkshare")
    form = forms.BenchmarkImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
            saved = services.benchmark_shares_import(actor=request.user, text=text)
        except UnicodeDecodeError:
            form.add_error("file", "Save the file as CSV (UTF-8) and try again.")
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(
                request, f"{len(saved)} benchmark share{'s' if len(saved) != 1 else ''} imported."
            )
            return redirect("privacy:benchmarks")
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "title": "Import benchmark shares",
            "cancel_url": reverse("privacy:benchmarks"),
            "submit_label": "Import",
        },
    )


class TargetListView(_SettingsList):
    template_name = "privacy/target_list.html"
    change_permission = "privacy.change_leastheardtarget"
    rows = selectors.targets_list
    filterset_class = filters.TargetFilter
    title = "Least-heard groups: targets"
    csv_filename = "least-heard-targets.csv"
    csv_columns: list[Column] = [
        ("Group", "label"),
        ("Target", "target"),
        ("From", "start"),
        ("To", "end"),
    ]


@login_required
def target_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "privacy.change_leastheardtarget")
    instance = selectors.target_get(pk) if pk is not None else None
    initial = {name: getattr(instance, name) for name in TARGET_FIELDS} if instance else {}
    form = forms.TargetForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda: services.least_heard_target_save(
            actor=request.user, instance=instance, **form.cleaned_data
        ),
        success="Target saved.",
        then="privacy:targets",
        title="Change a target" if instance else "Set a target for a least-heard group",
        cancel_url=reverse("privacy:targets"),
    )
