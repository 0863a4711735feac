"""The staff list page: search, filters, pagination and CSV export of the same rows, in one place.

A list view names its selector (the permission-scoped queryset with its joins), a django-filter
FilterSet for the GET form, and its CSV columns. Every list page then runs a fixed number of
queries whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponseBase
from django.views.generic import ListView

from heard.core.exports import Column, csv_response, stream
from heard.core.permissions import can


class StaffListView(LoginRequiredMixin, ListView):  # type: ignore[type-arg]
    paginate_by = 25
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
        )
        return context
