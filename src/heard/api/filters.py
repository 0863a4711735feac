"""The API's filter backend: django-filter's, telling Heard's filter sets that no form is shown."""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend

from heard.core.filters import FilterSet


class FilterBackend(DjangoFilterBackend):
    """The API reads filters from the query string and shows no form, so a filter set skips what
    only a page needs (the visible groups for a drop-down: a query of 201 rows a request)."""

    def get_filterset_kwargs(self, request: Any, queryset: Any, view: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and issubclass(filterset_class, FilterSet):
            kwargs["shown"] = False
        return kwargs
