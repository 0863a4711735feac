"""Search and filter forms for the theme, group and calendar lists (the web pages and the API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from heard.core.permissions import is_partner_worker
from heard.groups.models import Group, Membership, Theme
from heard.people.models import Organisation, User


def _organisations(request: Any) -> QuerySet[Organisation]:
    user = getattr(request, "user", None)
    queryset = Organisation.objects.order_by("name")
    if user is None or not user.is_authenticated:
        return queryset.none()
    if is_partner_worker(user):
        return queryset.filter(pk=user.organisation_id)
    return queryset


def _themes(request: Any) -> QuerySet[Theme]:
    return Theme.objects.order_by("-period", "title")


def _theme_leads(request: Any) -> QuerySet[User]:
    return User.objects.filter(led_themes__isnull=False).distinct().order_by("full_name")


def _periods() -> list[tuple[str, str]]:
    """The periods that have themes, newest first (read when the form is shown, not at import)."""
    periods = Theme.objects.order_by("-period").values_list("period", flat=True).distinct()
    return [(period, period) for period in periods]


def _search(queryset: QuerySet[Any], fields: tuple[str, ...], value: str) -> QuerySet[Any]:
    query = Q()
    for term in value.split():
        term_query = Q()
        for field in fields:
            term_query |= Q(**{f"{field}__icontains": term})
        query &= term_query
    return queryset.filter(query)


class ThemeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    period = django_filters.ChoiceFilter(label="Period", choices=_periods, empty_label="Any period")
    status = django_filters.ChoiceFilter(choices=Theme.Status.choices, empty_label="Any status")
    lead = django_filters.ModelChoiceFilter(
        label="Theme lead", queryset=_theme_leads, empty_label="Any lead"
    )

    class Meta:
        model = Theme
        fields = ["q", "period", "status", "lead"]

    def search(self, queryset: QuerySet[Theme], name: str, value: str) -> QuerySet[Theme]:
        return _search(queryset, ("title", "description"), value)


class GroupFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    kind = django_filters.ChoiceFilter(choices=Group.Kind.choices, empty_label="Any kind")
    stage = django_filters.ChoiceFilter(choices=Group.Stage.choices, empty_label="Any stage")
    host_organisation = django_filters.ModelChoiceFilter(
        label="Host organisation", queryset=_organisations, empty_label="Any organisation"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=_themes, method="by_theme", empty_label="Any theme"
    )
    cadence = django_filters.ChoiceFilter(choices=Group.Cadence.choices, empty_label="Any cadence")

    class Meta:
        model = Group
        fields = ["q", "kind", "stage", "host_organisation", "theme", "cadence"]

    def search(self, queryset: QuerySet[Group], name: str, value: str) -> QuerySet[Group]:
        return _search(queryset, ("name", "description", "host_organisation__name"), value)

    def by_theme(
        self, queryset: QuerySet[Group], name: str, value: Theme | None
    ) -> QuerySet[Group]:
        if value is None:
            return queryset
        return queryset.filter(pk__in=value.group_links.values("group_id"))


class CalendarFilter(django_filters.FilterSet):
    """The calendar's filters; "overdue only" is applied to the computed rows by the view."""

    host_organisation = django_filters.ModelChoiceFilter(
        label="Organisation", queryset=_organisations, empty_label="Any organisation"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=_themes, method="by_theme", empty_label="Any theme"
    )
    kind = django_filters.ChoiceFilter(choices=Group.Kind.choices, empty_label="Any kind")
    overdue = django_filters.ChoiceFilter(
        label="Show",
        choices=[("yes", "Overdue groups only")],
        empty_label="All groups",
        method="keep",
    )

    class Meta:
        model = Group
        fields = ["host_organisation", "theme", "kind", "overdue"]

    def by_theme(
        self, queryset: QuerySet[Group], name: str, value: Theme | None
    ) -> QuerySet[Group]:
        if value is None:
            return queryset
        return queryset.filter(pk__in=value.group_links.values("group_id"))

    def keep(self, queryset: QuerySet[Group], name: str, value: Any) -> QuerySet[Group]:
        return queryset


class MembershipFilter(django_filters.FilterSet):
    group = django_filters.NumberFilter(field_name="group_id", label="Group id")
    young_person = django_filters.NumberFilter(
        field_name="young_person_id", label="Young person id"
    )
    current = django_filters.BooleanFilter(
        field_name="left_on", lookup_expr="isnull", label="Current members only"
    )

    class Meta:
        model = Membership
        fields = ["group", "young_person", "current"]
