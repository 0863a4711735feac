"""Search and filters for the involvement lists (the pages, their CSV and the API share them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet, date_range
from heard.involvement import selectors
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.participation.models import Session
from heard.people.models import Organisation

YES_NO = [("yes", "Yes"), ("no", "No")]


def _organisations(request: Any) -> QuerySet[Organisation]:
    """Every organisation, or a partner worker's own."""
    if request is None:
        return Organisation.objects.none()
    return selectors.organisations_for_activities(request.user)


class ActivityFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Words in the title or the notes."
    )
    kind = django_filters.ChoiceFilter(
        choices=InvolvementActivity.Kind.choices, empty_label="Any kind"
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=_organisations, empty_label="Any organisation"
    )
    date_from, date_to = date_range("date")
    involved = django_filters.ChoiceFilter(
        choices=YES_NO,
        label="Young people involved",
        empty_label="Either",
        method="filter_involved",
    )

    class Meta:
        model = InvolvementActivity
        fields: list[str] = []

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(notes__icontains=value))

    def filter_involved(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(young_people_involved=value == "yes")


class EvaluationFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Words in the comment or the session's title."
    )
    session = django_filters.NumberFilter(
        field_name="session_id", label="Session number", min_value=1
    )
    session_kind = django_filters.ChoiceFilter(
        field_name="session__kind",
        choices=Session.Kind.choices,
        label="Kind of session",
        empty_label="Any kind",
    )
    rating = django_filters.ChoiceFilter(
        choices=Evaluation.Rating.choices, empty_label="Any rating"
    )
    date_from, date_to = date_range("session__date", "Sessions from", "Sessions to")

    class Meta:
        model = Evaluation
        fields: list[str] = []

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        return queryset.filter(Q(comment__icontains=value) | Q(session__title__icontains=value))
