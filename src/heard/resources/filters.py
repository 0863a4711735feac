"""Search and filters for the resources library (the page, its exports and the API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet, Search
from heard.core.roles import AgeBand
from heard.groups.models import Theme
from heard.participation.models import Method
from heard.resources.models import Resource


class ResourceFilter(FilterSet):
    q = Search("title summary", help_text="Words in the title or the summary.")
    kind = django_filters.ChoiceFilter(choices=Resource.Kind.choices, empty_label="Any kind")
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.order_by("title"), empty_label="Any theme"
    )
    method = django_filters.ModelChoiceFilter(
        field_name="methods", queryset=Method.objects.all(), empty_label="Any method"
    )
    age_band = django_filters.ChoiceFilter(
        label="Age band", choices=AgeBand.choices, empty_label="Any age", method="filter_age"
    )

    Meta = FilterSet.meta(Resource)

    def filter_age(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        """Resources for that age band, or for any age (no band)."""
        return queryset.filter(Q(age_bands__icontains=f'"{value}"') | Q(age_bands=[]))
