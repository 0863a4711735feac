"""Indicator pages: the list (value, target, status, CSV), one indicator with its trend, set,
edit and delete (with confirmation). Thin: they call selectors and services."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.forms import changed_values, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.core.records import Record
from heard.indicators import filters, forms, selectors, services
from heard.indicators.chart import trend_chart
from heard.indicators.models import FILTER_FIELDS, Indicator
from heard.indicators.progress import Progress, is_exact_for

_STATUS_TAG = (
    '<strong class="govuk-tag govuk-tag--{{ row.current.status.colour }}">'
    "{{ row.current.status.label }}</strong>"
)
_NAME_LINK = (
    '<a class="govuk-link" href="{% url "indicators:indicator-detail" row.indicator.pk %}">'
    "{{ row.indicator.name }}</a>"
)
#: The list's columns: rows are ``progress.Progress``, the page's and the CSV's alike.
COLUMNS = (
    tables.Column(
        gettext_lazy("Indicator"), lambda row: row.indicator.name, cell=_NAME_LINK, row_header=True
    ),
    tables.Column(gettext_lazy("Measure"), lambda row: row.measure.label),
    tables.Column(gettext_lazy("Value"), lambda row: row.value_text, numeric=True),
    tables.Column(gettext_lazy("Target"), lambda row: row.target_text, numeric=True),
    tables.Column(gettext_lazy("Status"), lambda row: row.current.status.label, cell=_STATUS_TAG),
    tables.Column(gettext_lazy("From"), lambda row: row.current.start),
    tables.Column(gettext_lazy("To"), lambda row: row.current.end),
)
PROTECTED_NOTE = (
    "These figures are protected for you: they cover fixed reporting periods (the year to the "
    "end of the last complete quarter, or that quarter), and each count of young people is "
    "rounded to a multiple of 5 (one under 5 shows as \u201cfewer than 5\u201d). Counts of "
    "sessions and groups are exact."
)


class IndicatorListView(StaffListView):
    template_name = "indicators/indicator_list.html"
    title = "Indicators"
    permission_required = "indicators.view_indicator"
    context_permissions = {"can_add": "indicators.add_indicator"}
    columns = COLUMNS
    filterset_class = filters.IndicatorFilter
    selector = staticmethod(selectors.indicators_visible_to)

    def _progress(self, rows: Iterable[Indicator]) -> list[Progress]:
        return selectors.indicators_progress(
            rows, user=self.request.user, today=timezone.localdate()
        )

    def csv_rows(self, queryset: Any) -> Iterable[Any]:
        return self._progress(queryset)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object_list"] = self._progress(context["object_list"])
        context["protected"] = not is_exact_for(self.request.user)
        context["protected_note"] = PROTECTED_NOTE
        return context


def _filters_shown(indicator: Indicator) -> list[tuple[str, str]]:
    """The filters the indicator sets, as a page says them."""
    shown = []
    for name in FILTER_FIELDS:
        value = getattr(indicator, name)
        if value in (None, ""):
            continue
        field: Any = Indicator._meta.get_field(name)
        text = getattr(indicator, f"get_{name}_display")() if field.choices else str(value)
        if name == "lead":
            text = value.full_name
        shown.append((str(field.verbose_name).capitalize(), text))
    return shown


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    require(user, "indicators.view_indicator")
    indicator = selectors.indicator_get(user, pk)
    progress = selectors.indicators_progress(
        [indicator], user=user, today=timezone.localdate(), trend=True
    )
    if not progress:
        messages.error(request, _("This indicator's measure is no longer in the library."))
        return redirect("indicators:indicator-list")
    context = {
        "title": indicator.name,
        "indicator": indicator,
        "progress": progress[0],
        "chart": trend_chart(progress[0]),
        "filters_shown": _filters_shown(indicator),
        "protected_note": PROTECTED_NOTE,
        "can_change": can(user, "indicators.change_indicator", indicator),
        "can_delete": can(user, "indicators.delete_indicator", indicator),
        "history_url": reverse("core:history", args=["indicators.indicator", indicator.pk])
        if can(user, "core.view_history")
        else "",
    }
    return render(request, "indicators/indicator_detail.html", context)


def _detail_url(indicator: Indicator) -> str:
    return reverse("indicators:indicator-detail", args=[indicator.pk])


def _indicator_get(user: Any, pk: Any) -> Indicator:
    """403 for those who may read no indicator, before looking; else the one they may read."""
    require(user, "indicators.view_indicator")
    return selectors.indicator_get(user, pk)


INDICATOR = Record(
    "indicators:indicator",
    "indicators.indicator",
    _indicator_get,
    form=forms.IndicatorForm,
    form_user=False,
    label=attrgetter("name"),
)
indicator_create = INDICATOR.create_view(
    services.indicator_create,
    title="Set an indicator",
    submit_label="Set the indicator",
    success=lambda indicator: f"Indicator “{indicator}” set.",
    initial=lambda request: request.GET.dict(),
)
indicator_delete = INDICATOR.delete_view(
    services.indicator_delete,
    template="indicators/indicator_delete.html",
    title=lambda indicator: "Delete this indicator?",
)


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    require(user, "indicators.view_indicator")
    indicator = selectors.indicator_get(user, pk)
    require(user, "indicators.change_indicator", indicator)
    initial = {name: getattr(indicator, name) for name in services.FIELDS}
    form = forms.IndicatorForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda: services.indicator_update(actor=user, indicator=indicator, **changed_values(form)),
        success=lambda saved: f"Indicator “{saved}” updated.",
        then=_detail_url,
        title=f"Edit {indicator}",
        submit_label="Save changes",
        cancel_url=_detail_url(indicator),
    )
