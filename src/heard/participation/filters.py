"""Search and filters for the sessions list, its CSV export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from heard.core.forms import GovUKDateInput
from heard.core.roles import HearByRightStandard
from heard.groups import selectors as group_selectors
from heard.groups.models import Group, Theme
from heard.participation.models import Degree, ParticipationType, Session
from heard.people import selectors as people_selectors
from heard.people.models import Organisation


def _user(request: Any) -> Any:
    return getattr(request, "user", None)


def _groups(request: Any) -> QuerySet[Group]:
    if request is None:
        return Group.objects.none()
    return group_selectors.groups_visible_to(_user(request))


def _organisations(request: Any) -> QuerySet[Organisation]:
    if request is None:
        return Organisation.objects.none()
    return people_selectors.organisations_visible_to(_user(request))


def _themes(request: Any) -> QuerySet[Theme]:
    if request is None:
        return Theme.objects.none()
    return group_selectors.themes_visible_to(_user(request))


class SessionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Words in the title or the notes."
    )
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="From", widget=GovUKDateInput()
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="To", widget=GovUKDateInput()
    )
    kind = django_filters.ChoiceFilter(choices=Session.Kind.choices, empty_label="Any kind")
    group = django_filters.ModelChoiceFilter(queryset=_groups, empty_label="Any group")
    organisation = django_filters.ModelChoiceFilter(
        queryset=_organisations, empty_label="Any organisation"
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=_themes, empty_label="Any theme", distinct=True
    )
    degree = django_filters.ChoiceFilter(
        choices=Degree.choices, label="Degree of participation", empty_label="Any degree"
    )
    participation_type = django_filters.ChoiceFilter(
        choices=ParticipationType.choices, label="Type of participation", empty_label="Any type"
    )
    standard = django_filters.ChoiceFilter(
        field_name="standards__code",
        choices=HearByRightStandard.choices,
        label="Hear by Right standard",
        empty_label="Any standard",
        distinct=True,
    )
    monitoring_form_complete = django_filters.ChoiceFilter(
        choices=[("yes", "Complete"), ("no", "Not complete")],
        label="Monitoring form",
        empty_label="Either",
        method="filter_monitoring",
    )

    class Meta:
        model = Session
        fields: list[str] = []

    def filter_monitoring(
        self, queryset: QuerySet[Session], name: str, value: str
    ) -> QuerySet[Session]:
        return queryset.filter(monitoring_form_complete=value == "yes")

    def search(self, queryset: QuerySet[Session], name: str, value: str) -> QuerySet[Session]:
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(notes__icontains=word))
        return queryset
