"""The staff list page: search, filters, pagination and CSV export of the same rows, in one place.

A list view names its selector (the permission-scoped queryset with its joins), a django-filter
FilterSet for the GET form, and its CSV columns. Every list page then runs a fixed number of
queries whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpResponseBase
from django.views.generic import ListView

from heard.core.exports import Column, csv_response, stream
from heard.core.permissions import can

#: An unfiltered list of at least this many rows (by PostgreSQL's estimate) shows an estimate.
ESTIMATE_FROM = 100_000


def table_estimate(queryset: QuerySet[Any]) -> int | None:
    """PostgreSQL's estimate of the rows of the queryset's table, when the queryset is the whole
    table (no filter, no DISTINCT or grouping: joins for ``select_related`` and annotations
    do not change the count); otherwise None. The planner's statistics, kept by (auto)ANALYZE."""
    query = queryset.query
    connection = connections[queryset.db]
    if (
        connection.vendor != "postgresql"
        or query.where
        or query.distinct
        or query.combinator
        or query.group_by is not None
        or query.is_sliced
    ):
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] >= 0 else None


class EstimatingPage(Page):
    """A page that knows whether another follows by reading one row more than it shows."""

    more = False

    def has_next(self) -> bool:
        if getattr(self.paginator, "estimated", False):
            return self.more
        return super().has_next()


class Paginator(DjangoPaginator):
    """Django's paginator, except that an unfiltered list of a big table counts by PostgreSQL's
    estimate instead of ``COUNT(*)``: at national scale counting a million sessions cost 50-150
    ms of every page of the list (bench/README.md). The page then says "about"; each page reads
    one row more than it shows to know whether a next page exists, and a page past the end is
    refused as Django refuses one."""

    estimated = False

    @cached_property
    def count(self) -> int:
        estimate = (
            table_estimate(self.object_list) if isinstance(self.object_list, QuerySet) else None
        )
        if estimate is not None and estimate >= ESTIMATE_FROM:
            self.estimated = True
            return estimate
        return super().count

    def validate_number(self, number: Any) -> int:
        if not self.count or not self.estimated:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        if not self.estimated:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        page = EstimatingPage(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page

    def _get_page(self, *args: Any, **kwargs: Any) -> Page:
        return EstimatingPage(*args, **kwargs)


class StaffListView(LoginRequiredMixin, ListView):  # type: ignore[type-arg]
    paginate_by = 25
    paginator_class = Paginator
    filterset_class: Any = None
    csv_columns: Sequence[Column] = ()
    csv_filename = "export.csv"
    #: The rules permission a user needs to see this list at all.
    permission_required = ""
    title = ""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.permission_required and not can(request.user, self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        queryset = self.get_base_queryset()
        self.filterset = None
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(
                self.request.GET or None, queryset=queryset, request=self.request
            )
            if self.filterset.is_bound and self.filterset.is_valid():
                queryset = self.filterset.qs
        return queryset

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        if request.GET.get("format") == "csv" and self.csv_columns:
            return csv_response(
                stream(self.get_queryset()),
                self.csv_columns,
                self.csv_filename,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        context.update(
            filter=self.filterset,
            filter_form=self.filterset.form if self.filterset is not None else None,
            query_string=query.urlencode(),
            csv_query=(query.urlencode() + "&" if query else "") + "format=csv",
            title=self.title,
            total=context["paginator"].count
            if context.get("paginator")
            else len(context["object_list"]),
            total_estimated=getattr(context.get("paginator"), "estimated", False),
        )
        total = context["total"]
        # An estimate to the nearest thousand: its last digits mean nothing.
        context["total_text"] = f"{round(total, -3) if context['total_estimated'] else total:,}"
        return context
