"""Search and filters for the opportunity and sign-up lists (the pages, their exports and the
API share them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet, date_range
from heard.opportunities import selectors
from heard.opportunities.models import Opportunity, SignUp
from heard.people.models import Organisation


def _organisations(request: Any) -> QuerySet[Organisation]:
    if request is None:
        return Organisation.objects.none()
    return selectors.organisations_for_opportunities(request.user)


class OpportunityFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Words in the title or the description."
    )
    kind = django_filters.ChoiceFilter(choices=Opportunity.Kind.choices, empty_label="Any kind")
    status = django_filters.ChoiceFilter(
        choices=Opportunity.Status.choices, empty_label="Any status"
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=_organisations, empty_label="Any organisation"
    )
    date_from, date_to = date_range("starts_at__date", "Starts from", "Starts to")

    class Meta:
        model = Opportunity
        fields: list[str] = []

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))


class SignUpFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", help_text="A young person's reference."
    )
    opportunity = django_filters.NumberFilter(
        field_name="opportunity_id", label="Opportunity number", min_value=1
    )
    status = django_filters.ChoiceFilter(choices=SignUp.Status.choices, empty_label="Any status")
    how = django_filters.ChoiceFilter(choices=SignUp.How.choices, empty_label="Either way")

    class Meta:
        model = SignUp
        fields: list[str] = []

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(young_person__reference__icontains=value.strip())
