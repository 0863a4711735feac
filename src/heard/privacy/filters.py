"""Search and filters for the benchmark and target lists."""

from __future__ import annotations

import django_filters

from heard.core.filters import FilterSet, Search
from heard.privacy.models import BenchmarkShare, Characteristic, LeastHeardGroup, LeastHeardTarget


class BenchmarkFilter(FilterSet):
    search = Search("value area source", label="Value, area or source")
    characteristic = django_filters.ChoiceFilter(
        choices=Characteristic.choices, empty_label="Any characteristic"
    )

    class Meta:
        model = BenchmarkShare
        fields = ["search", "characteristic"]


class TargetFilter(FilterSet):
    search = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name")
    group = django_filters.ChoiceFilter(choices=LeastHeardGroup.choices, empty_label="Any group")

    class Meta:
        model = LeastHeardTarget
        fields = ["search", "group"]
