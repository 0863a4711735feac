"""The API's filter backend: django-filter's, telling Heard's filter sets that no form is shown,
and refusing ids that cannot be ids before any query is made."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django_filters import filters as django_filters
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from heard.api.fields import ID_MESSAGE, parse_id
from heard.core.filters import FilterSet


def _targets_an_id(model: type[models.Model], field_name: str) -> bool:
    """``field_name`` (a lookup path such as ``group_id`` or ``session__group``) ends on a
    primary key or a foreign key: its value, when it is a number, is an id."""
    field: Any = None
    for part in field_name.split("__"):
        if field is not None:
            model = field.related_model
            if model is None:
                return False
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
    return bool(field is not None and (field.primary_key or field.many_to_one))


def _id_filters(filterset: Any) -> dict[str, Any]:
    """The filters of ``filterset`` that are given an id as a number or as digits (a foreign key
    filtered by number, or a group filtered by id or by name); a drop-down (``ModelChoiceFilter``)
    looks its choice up itself."""
    model = filterset.queryset.model
    return {
        name: filter_
        for name, filter_ in filterset.filters.items()
        if isinstance(filter_, django_filters.NumberFilter | django_filters.CharFilter)
        and not filter_.method
        and _targets_an_id(model, filter_.field_name)
    }


class FilterBackend(DjangoFilterBackend):
    """The API reads filters from the query string and shows no form, so a filter set skips what
    only a page needs (the visible groups for a drop-down: a query of 201 rows a request).

    An id filter given something that cannot be an id (beyond 64 bits, negative, a fraction, a
    word where only a number is taken) is a 400 with one clear message for every such filter: a
    number beyond 64 bits would otherwise reach the database, which SQLite refuses with a 500.
    """

    def get_filterset_kwargs(self, request: Any, queryset: Any, view: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and issubclass(filterset_class, FilterSet):
            kwargs["shown"] = False
        return kwargs

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        id_filters = _id_filters(filterset)
        errors: dict[str, list[str]] = {}
        if not filterset.is_valid():
            errors = {
                name: [ID_MESSAGE] if name in id_filters else list(messages)
                for name, messages in filterset.errors.items()
            }
        for name, filter_ in id_filters.items():
            value = filterset.form.cleaned_data.get(name)
            if name in errors or value in (None, ""):
                continue
            if isinstance(filter_, django_filters.CharFilter) and not str(value).strip().isdigit():
                continue  # not a number: part of a name (a group by id or by name)
            if parse_id(value) is None:
                errors[name] = [ID_MESSAGE]
        if errors:
            raise ValidationError(errors)
        return filterset.qs
