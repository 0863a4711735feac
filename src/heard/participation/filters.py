"""Search and filters for the sessions list, its CSV export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet, date_range, organisation_filter, yes_no
from heard.core.permissions import can
from heard.core.roles import AgeBand, HearByRightStandard
from heard.groups import selectors as group_selectors
from heard.groups.filters import GroupDropdownFilterSet, GroupIdOrNameFilter
from heard.groups.models import Theme
from heard.participation.models import Degree, Headcount, ParticipationType, Session
from heard.people import selectors as people_selectors
from heard.people.models import Organisation


def _user(request: Any) -> Any:
    return getattr(request, "user", None)


def _organisations(request: Any) -> QuerySet[Organisation]:
    """Organisations by name only (the list selector counts each one's young people)."""
    user = _user(request)
    if request is None or not can(user, "people.view_organisation"):
        return Organisation.objects.none()
    return people_selectors.organisations_for_young_people_filter(user)


def _themes(request: Any) -> QuerySet[Theme]:
    """Themes by label only (the list selector counts each one's groups)."""
    if request is None:
        return Theme.objects.none()
    return group_selectors.theme_choices(_user(request))


def session_kind_filter(**kwargs: Any) -> django_filters.ChoiceFilter:
    """Another list's "Kind of session" dropdown (``field_name`` the path to the session's)."""
    return django_filters.ChoiceFilter(
        choices=Session.Kind.choices, label="Kind of session", empty_label="Any kind", **kwargs
    )


class SessionFilter(GroupDropdownFilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Words in the title or the notes."
    )
    date_from, date_to = date_range("date")
    kind = django_filters.ChoiceFilter(choices=Session.Kind.choices, empty_label="Any kind")
    group = GroupIdOrNameFilter()
    organisation = organisation_filter(_organisations)
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
    monitoring_form_complete = yes_no(
        "Monitoring form", "filter_monitoring", yes="Complete", no="Not complete"
    )

    Meta = FilterSet.meta(Session)

    def filter_monitoring(
        self, queryset: QuerySet[Session], name: str, value: str
    ) -> QuerySet[Session]:
        return queryset.filter(monitoring_form_complete=value == "yes")

    def search(self, queryset: QuerySet[Session], name: str, value: str) -> QuerySet[Session]:
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(notes__icontains=word))
        return queryset


class HeadcountFilter(FilterSet):
    """The API's headcounts by session."""

    session = django_filters.NumberFilter(field_name="session_id", label="Session id")
    age_band = django_filters.ChoiceFilter(choices=AgeBand.choices)

    class Meta:
        model = Headcount
        fields = ["session", "age_band"]
