"""Pages for reach, its benchmark population shares and least-heard targets."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from heard.core import disclosure, tables
from heard.core.exports import EXPORT_FORMATS, Column, export_response
from heard.core.lists import StaffListView, export_query
from heard.core.permissions import can, require
from heard.privacy import filters, forms, selectors, services
from heard.privacy.services.reach import TARGET_FIELDS
from heard.privacy.views.common import back_to

REACH_CSV_COLUMNS: list[Column] = [
    ("Characteristic", "characteristic"),
    ("Value", "label"),
    ("Took part", "took_part"),
    ("Took part actively", "active"),
    ("Share of those who took part (%)", "share"),
    ("Benchmark share (%)", "benchmark"),
    ("Gap (percentage points)", "gap"),
]


def _period(target: str) -> str:
    """A target's period, "1 April 2026 to 31 March 2027" (``target`` its path from ``row``)."""
    return f'{{{{ {target}.start|date:"j F Y" }}}} to {{{{ {target}.end|date:"j F Y" }}}}'


#: A target's period in its row.
PERIOD = _period("row")


def _figure(name: str, label: str = "", *, percent: bool = False) -> tables.Column:
    """A column of reach's figures: "-" when withheld, nothing in a total's row."""
    unit = "%" if percent else ""
    return tables.Column(
        label or name.capitalize(),
        name,
        cell=f"{{% if not row.is_total %}}{{% if row.{name} is None %}}-{{% else %}}"
        f"{{{{ row.{name} }}}}{unit}{{% endif %}}{{% endif %}}",
        numeric=True,
    )


#: Each least-heard group's progress against its target.
LEAST_HEARD_COLUMNS = (
    tables.Column(gettext_lazy("Group"), "target.label", row_header=True),
    tables.Column(gettext_lazy("Target period"), cell=_period("row.target")),
    tables.Column(gettext_lazy("Target"), "target.target", numeric=True),
    tables.Column(gettext_lazy("Took part"), "took_part", numeric=True),
    _figure("share_of_target", "Progress", percent=True),
)
#: The figures of each value of a characteristic, after its first column (the value).
FIGURE_COLUMNS = (
    tables.Column(gettext_lazy("Took part"), "took_part", numeric=True),
    tables.Column(gettext_lazy("Took part actively"), "active", numeric=True),
    _figure("share", percent=True),
    _figure("benchmark", percent=True),
    _figure("gap"),
)


def figure_tables(report: selectors.Reach) -> list[dict[str, Any]]:
    """Each characteristic's table: its values, then the total, compared along each row."""
    return [
        {
            "label": table.label,
            "caption": _("Reach by %(lower)s") % {"lower": table.label.lower()},
            "columns": (tables.Column(table.label, "label", row_header=True), *FIGURE_COLUMNS),
            "rows": [
                *table.rows,
                SimpleNamespace(
                    label="Total",
                    took_part=table.total_took_part,
                    active=table.total_active,
                    is_total=True,
                ),
            ],
        }
        for table in report.tables
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
    export_format = request.GET.get("format")
    if export_format in EXPORT_FORMATS:
        rows = [
            SimpleNamespace(characteristic=table.label, **vars(row))
            for table in report.tables
            for row in table.rows
        ]
        filename = f"reach-{report.start}-{report.end}.csv"
        return export_response(export_format, rows, REACH_CSV_COLUMNS, filename)
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "privacy/reach.html",
        {
            "form": form,
            "report": report,
            "least_heard_columns": LEAST_HEARD_COLUMNS,
            "figure_tables": figure_tables(report),
            "csv_query": export_query(query, "csv"),
            "xlsx_query": export_query(query, "xlsx"),
            "can_change": can(request.user, "privacy.change_benchmarkshare"),
            # ADR 0008: the periods a protected reader may choose, as links.
            "periods": [] if report.exact else disclosure.reporting_periods(timezone.localdate()),
        },
    )


def _default_period(user: Any) -> dict[str, Any]:
    form = forms.ReachForm({}, user=user)
    form.is_valid()
    return form.cleaned_data


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
    title = "Benchmark population shares"
    columns = (
        tables.Column(gettext_lazy("Characteristic"), "get_characteristic_display"),
        tables.Column(gettext_lazy("Value"), "value"),
        tables.Column(
            gettext_lazy("Area"), "area", cell='{{ row.area|default:"Whole partnership" }}'
        ),
        tables.Column(gettext_lazy("Share"), "share", cell="{{ row.share }}%", numeric=True),
        tables.Column(gettext_lazy("Source"), "source"),
    )
    filterset_class = filters.BenchmarkFilter
    csv_filename = "benchmark-shares.csv"
    #: The file the import reads: each field by its own name, a characteristic by its code.
    csv_columns = [(name, name) for name in ("characteristic", "value", "area", "share", "source")]


@login_required
def benchmark_add(request: HttpRequest) -> HttpResponse:
    require(request.user, "privacy.change_benchmarkshare")
    form = forms.BenchmarkForm(request.POST or None)
    return back_to(
        request,
        form,
        lambda: services.benchmark_share_save(actor=request.user, **form.cleaned_data),
        reverse("privacy:benchmarks"),
        success="Benchmark share saved.",
        title="Set a benchmark population share",
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
            form.add_error("file", _("Save the file as CSV (UTF-8) and try again."))
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d benchmark share imported.",
                    "%(count)d benchmark shares imported.",
                    len(saved),
                )
                % {"count": len(saved)},
            )
            return redirect("privacy:benchmarks")
    return render(
        request,
        "includes/form_page.html",
        {
            "form": form,
            "title": _("Import benchmark shares"),
            "cancel_url": reverse("privacy:benchmarks"),
            "submit_label": _("Import"),
        },
    )


class TargetListView(_SettingsList):
    template_name = "privacy/target_list.html"
    change_permission = "privacy.change_leastheardtarget"
    rows = selectors.targets_list
    title = "Least-heard groups: targets"
    columns = (
        tables.Column(
            gettext_lazy("Group"),
            "label",
            cell='{% if can_change %}<a class="govuk-link" href="{% url "privacy:target-edit" '
            'row.pk %}">{{ row.label }}</a>{% else %}{{ row.label }}{% endif %}',
        ),
        tables.Column(gettext_lazy("Period"), cell=PERIOD, in_csv=False),
        tables.Column(gettext_lazy("Target"), "target", numeric=True),
        tables.Column(gettext_lazy("From"), "start", in_table=False),
        tables.Column(gettext_lazy("To"), "end", in_table=False),
    )
    filterset_class = filters.TargetFilter
    csv_filename = "least-heard-targets.csv"


@login_required
def target_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "privacy.change_leastheardtarget")
    instance = selectors.target_get(pk) if pk is not None else None
    initial = {name: getattr(instance, name) for name in TARGET_FIELDS} if instance else {}
    form = forms.TargetForm(request.POST or None, initial=initial)
    return back_to(
        request,
        form,
        lambda: services.least_heard_target_save(
            actor=request.user, instance=instance, **form.cleaned_data
        ),
        reverse("privacy:targets"),
        success="Target saved.",
        title="Change a target" if instance else "Set a target for a least-heard group",
    )
