"""Search and filters for the benchmark and target lists."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet
from heard.privacy.models import BenchmarkShare, Characteristic, LeastHeardGroup, LeastHeardTarget


class BenchmarkFilter(FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="Value, area or source")
    characteristic = django_filters.ChoiceFilter(
        choices=Characteristic.choices, empty_label="Any characteristic"
    )

    class Meta:
        model = BenchmarkShare
        fields = ["search", "characteristic"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(value__icontains=value) | Q(area__icontains=value) | Q(source__icontains=value)
        )


class TargetFilter(FilterSet):
    search = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name")
    group = django_filters.ChoiceFilter(choices=LeastHeardGroup.choices, empty_label="Any group")

    class Meta:
        model = LeastHeardTarget
        fields = ["search", "group"]
