"""Search and filters for the list of indicators (the page and the API share them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from heard.core.filters import FilterSet
from heard.indicators.measures import measure_choices
from heard.indicators.models import Indicator


class IndicatorFilter(FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    measure = django_filters.ChoiceFilter(choices=measure_choices, empty_label="Any measure")

    class Meta:
        model = Indicator
        fields = ["q", "measure"]

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(name__icontains=value.strip())
