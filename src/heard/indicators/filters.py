"""Search and filters for the list of indicators (the page and the API share them)."""

from __future__ import annotations

import django_filters

from heard.core.filters import FilterSet, Search
from heard.indicators.measures import measure_choices
from heard.indicators.models import Indicator


class IndicatorFilter(FilterSet):
    q = Search("name", max_length=100)
    measure = django_filters.ChoiceFilter(choices=measure_choices, empty_label="Any measure")

    class Meta:
        model = Indicator
        fields = ["q", "measure"]
