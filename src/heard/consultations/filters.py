"""Search and filters for the consultation registry (the page, its CSV and the API share them)."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from heard.consultations.models import Consultation
from heard.core.filters import FilterSet, Search
from heard.groups.models import Theme
from heard.people.models import Organisation


def _years() -> list[tuple[str, str]]:
    """Next year and the ten before it, newest first."""
    this_year = timezone.localdate().year
    return [(str(year), str(year)) for year in range(this_year + 1, this_year - 10, -1)]


class ConsultationFilter(FilterSet):
    q = Search(
        "title summary findings decisions",
        help_text="Words in the title, summary, findings or decisions.",
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes",
        queryset=Theme.objects.order_by("-period", "title"),
        empty_label="Any theme",
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.order_by("name"),
        label="Owner organisation",
        empty_label="Any organisation",
    )
    method = django_filters.ChoiceFilter(
        choices=Consultation.Method.choices, empty_label="Any method"
    )
    status = django_filters.ChoiceFilter(
        choices=Consultation.Status.choices, empty_label="Any status", method="filter_status"
    )
    year = django_filters.ChoiceFilter(
        choices=_years,
        label="Year it opened",
        empty_label="Any year",
        method="filter_year",
    )

    Meta = FilterSet.meta(Consultation)

    def filter_status(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.with_status(value)  # type: ignore[attr-defined, no-any-return]

    def filter_year(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        year = int(value)
        return queryset.filter(
            opens_on__gte=datetime.date(year, 1, 1), opens_on__lte=datetime.date(year, 12, 31)
        )
