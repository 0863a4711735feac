"""Search and filters for the people lists (the pages and the API share them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet, organisation_filter
from heard.core.roles import AgeBand, Role
from heard.people import selectors
from heard.people.models import Organisation, User, YoungPerson

_ACTIVE_CHOICES = (("yes", "Active"), ("no", "Not active"))


def _organisations(request: Any) -> QuerySet[Organisation]:
    if request is None:
        return Organisation.objects.none()
    return selectors.organisations_for_young_people_filter(request.user)


def _any_field(value: str, *fields: str) -> Q:
    """Rows where one of ``fields`` contains ``value`` (the form has stripped it: an empty
    search filters nothing and never gets here)."""
    terms = Q()
    for name in fields:
        terms |= Q(**{f"{name}__icontains": value})
    return terms


class _ActiveFilter(FilterSet):
    """A list page's "Active" filter: active records, records no longer active, or any."""

    active = django_filters.ChoiceFilter(
        choices=_ACTIVE_CHOICES,
        method="filter_active",
        label="Active",
        empty_label="Any",
        widget=forms.Select,
    )

    def filter_active(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(is_active=value == "yes")  # the form allows "yes" or "no"


class _YoungPersonSearch(FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label="Search by name or reference",
        help_text="Any part of a name or reference, for example Sam or ABC2.",
    )
    age_band = django_filters.ChoiceFilter(choices=AgeBand.choices, empty_label="Any age band")
    area = django_filters.CharFilter(lookup_expr="icontains")

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        user = getattr(self.request, "user", None)
        return selectors.young_people_matching(user, queryset, value)


class YoungPersonFilter(_YoungPersonSearch, _ActiveFilter):
    organisation = django_filters.ModelChoiceFilter(
        queryset=_organisations,
        label="Supporting organisation",
        empty_label="Any organisation",
    )

    class Meta:
        model = YoungPerson
        fields = ["search", "organisation", "age_band", "area", "active"]


class YoungPersonApiFilter(_YoungPersonSearch):
    """The API's filters are plain types: ``organisation`` is an id, ``is_active`` a boolean."""

    organisation = django_filters.NumberFilter(field_name="organisation_id")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = YoungPerson
        fields = ["search", "organisation", "age_band", "area", "is_active"]


class OrganisationFilter(_ActiveFilter):
    search = django_filters.CharFilter(method="filter_search", label="Name, area or contact")
    kind = django_filters.ChoiceFilter(
        choices=Organisation.Kind.choices, label="Kind of organisation", empty_label="Any kind"
    )

    class Meta:
        model = Organisation
        fields = ["search", "kind", "active"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(_any_field(value, "name", "area", "contact_name"))


class StaffFilter(_ActiveFilter):
    search = django_filters.CharFilter(method="filter_search", label="Name or email")
    role = django_filters.ChoiceFilter(choices=Role.choices, empty_label="Any role")
    organisation = organisation_filter(_organisations)

    class Meta:
        model = User
        fields = ["search", "role", "organisation", "active"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(_any_field(value, "full_name", "email"))
