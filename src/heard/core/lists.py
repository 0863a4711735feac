"""The staff list page: search, filters, pagination and CSV and XLSX exports of the same rows.

A list view names its selector (the permission-scoped queryset with its joins), a django-filter
FilterSet for the GET form, and its CSV columns. Every list page then runs a fixed number of
queries whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import ListView

from heard.core import tables
from heard.core.exports import EXPORT_FORMATS, Column, export_response, stream
from heard.core.permissions import can
from heard.jobs import exports as job_exports
from heard.jobs import registry as job_registry
from heard.jobs import services as job_services

#: An unfiltered list of at least this many rows (by PostgreSQL's estimate) shows an estimate.
ESTIMATE_FROM = 100_000


def _whole_table(queryset: QuerySet[Any]) -> bool:
    """Whether the queryset counts as many rows as its table: no filter, no DISTINCT or
    grouping (joins for ``select_related`` and annotations do not change the count)."""
    query = queryset.query
    return not (
        query.where
        or query.distinct
        or query.combinator
        or query.group_by is not None
        or query.is_sliced
    )


def count_or_estimate(queryset: QuerySet[Any]) -> tuple[int, bool] | None:
    """For a whole table on PostgreSQL, in one query: the planner's estimate of its rows (kept by
    (auto)ANALYZE) when that is at least ``ESTIMATE_FROM``, else the exact count; with whether
    it is the estimate. None where this does not apply (count the usual way)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or not _whole_table(queryset):
        return None
    count_sql, params = queryset.order_by().values("pk").query.sql_with_params()
    # The exact count runs only when the estimate is small: CASE evaluates the branch it takes.
    statement = (
        "SELECT reltuples::bigint, CASE WHEN reltuples >= %s THEN NULL "  # noqa: S608
        f"ELSE (SELECT COUNT(*) FROM ({count_sql}) AS listed) END "
        "FROM pg_class WHERE oid = %s::regclass"
    )
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(statement, [ESTIMATE_FROM, *params, table])
        row = cursor.fetchone()
    if row is None:
        return None
    estimate, exact = row
    return (int(exact), False) if exact is not None else (int(estimate), True)


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
        counted = (
            count_or_estimate(self.object_list) if isinstance(self.object_list, QuerySet) else None
        )
        if counted is None:
            return super().count
        count, self.estimated = counted
        return count

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
    #: The list's columns (``heard.core.tables.Column``): the page's table and the CSV export.
    columns: Sequence[tables.Column] = ()
    #: Columns for the CSV export only, where a page draws its own table; else from ``columns``.
    csv_columns: Sequence[Column | tables.Column] = ()
    #: The exports' file name; unset, the title's ("Expense claims": ``expense-claims.csv``).
    csv_filename = ""
    #: The rules permission a user needs to see this list at all.
    permission_required = ""
    title = ""
    #: The rows the user may see: a selector called with the user, set as
    #: ``selector = staticmethod(selectors.sessions_visible_to)``.
    selector: Any = None
    #: List-level permissions the page's buttons ask: ``{context name: permission}``, each in
    #: the context as True or False for the user ("Add", "Import").
    context_permissions: Mapping[str, str] = {}

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.permission_required and not can(request.user, self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[Any]:
        if self.selector is None:
            raise NotImplementedError(f"{type(self).__name__} names no selector")
        return self.selector(self.request.user)

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

    def get_csv_columns(self) -> Sequence[Column | tables.Column]:
        return self.csv_columns or tables.csv_columns(self.columns)

    def get_csv_filename(self) -> str:
        return self.csv_filename or f"{slugify(self.title) or 'export'}.csv"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        columns = self.get_csv_columns()
        export_format = request.GET.get("format")
        if export_format in EXPORT_FORMATS and columns:
            queryset = self.get_queryset()
            job = getattr(request, "heard_job", None)  # run as a background job (heard.jobs)
            if job is None and self.export_is_long(queryset):
                return self.start_export_job(request, export_format)
            rows = self.csv_rows(queryset)
            if job is not None:
                rows = job.track(rows, total=queryset.order_by().count())
            return export_response(export_format, rows, columns, self.get_csv_filename())
        return super().get(request, *args, **kwargs)

    def export_is_long(self, queryset: QuerySet[Any]) -> bool:
        """More rows than ``HEARD_EXPORT_JOB_THRESHOLD``: counted no further than one past it,
        so the answer costs the same on a million rows as on ten thousand."""
        threshold: int = getattr(settings, "HEARD_EXPORT_JOB_THRESHOLD", 10_000)
        return queryset.order_by()[: threshold + 1].count() > threshold

    def start_export_job(self, request: Any, export_format: str) -> HttpResponseRedirect:
        """Export as a background job (heard.jobs): answer at once with the job's page."""
        job = job_services.start(
            request.user,
            job_registry.EXPORT,
            params=job_exports.export_params(request.path, request.GET, export_format),
            label=f"{self.title or self.get_csv_filename()} ({export_format.upper()})",
        )
        response = HttpResponseRedirect(reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid}))
        response.status_code = 303
        return response

    def csv_rows(self, queryset: QuerySet[Any]) -> Iterable[Any]:
        """The export's rows (CSV and XLSX alike): the whole filtered list, streamed."""
        return (self.prepare_row(row) for row in stream(queryset))

    def prepare_row(self, row: Any) -> Any:
        """Each row the page or an export shows, before it is drawn: a list sets here what
        depends on the reader, such as a figure shown exact or protected
        (``heard.core.disclosure``), so the page, the CSV and the XLSX show the same."""
        return row

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        shown = context["object_list"]
        rows = [self.prepare_row(row) for row in shown]
        for name, value in list(context.items()):  # object_list and ``<model>_list`` alike
            if value is shown:
                context[name] = rows
        if context.get("page_obj") is not None:
            context["page_obj"].object_list = rows
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        context.update(
            filter=self.filterset,
            filter_form=self.filterset.form if self.filterset is not None else None,
            query_string=query.urlencode(),
            csv_query=export_query(query, "csv"),
            xlsx_query=export_query(query, "xlsx"),
            title=self.title,
            total=context["paginator"].count
            if context.get("paginator")
            else len(context["object_list"]),
            total_estimated=getattr(context.get("paginator"), "estimated", False),
            table_columns=tables.table_columns(self.columns),
        )
        user = self.request.user
        context.update({name: can(user, perm) for name, perm in self.context_permissions.items()})
        total = context["total"]
        # An estimate to the nearest thousand: its last digits mean nothing.
        context["total_text"] = f"{round(total, -3) if context['total_estimated'] else total:,}"
        return context


def export_query(query: Any, export_format: str) -> str:
    """The list's query string (its search and filters, no page) asking for a download."""
    return (query.urlencode() + "&" if query else "") + f"format={export_format}"


def page_items(page: Page | None, around: int = 1) -> list[int | None]:
    """The page numbers GOV.UK pagination shows: the first, the last, the current page and its
    neighbours, with None for each gap ("⋯"). An estimated list has no known last page: it shows
    the pages up to the next one."""
    if page is None:
        return []
    paginator = page.paginator
    estimated = getattr(paginator, "estimated", False)
    last = page.number + (1 if page.has_next() else 0) if estimated else paginator.num_pages
    if last <= 1:
        return []
    shown = {1, last, *range(page.number - around, page.number + around + 1)}
    items: list[int | None] = []
    for number in sorted(n for n in shown if 1 <= n <= last):
        if items and items[-1] is not None and number - items[-1] > 1:  # type: ignore[operator]
            items.append(None)
        items.append(number)
    return items
