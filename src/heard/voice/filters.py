"""Search and filters for the views and responses lists, their CSV exports and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db import connection
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet, date_range, organisation_filter, user_choices, yes_no
from heard.groups import selectors as group_selectors
from heard.groups.filters import GroupDropdownFilterSet, GroupIdOrNameFilter
from heard.groups.models import Theme
from heard.people import selectors as people_selectors
from heard.people.models import Organisation
from heard.voice.models import Response, View
from heard.voice.selectors.loop import answered_scope


def _user(request: Any) -> Any:
    return getattr(request, "user", None)


#: Organisations by name only (the list selector counts each one's young people).
_organisations = user_choices(Organisation, people_selectors.organisations_for_young_people_filter)
#: Themes by label only (the list selector counts each one's groups).
_themes = user_choices(Theme, group_selectors.theme_choices)


def search_text(queryset: QuerySet[Any], value: str, *fields: str) -> QuerySet[Any]:
    """Full-text search on PostgreSQL (English stemming, web-search syntax); every word as a
    case-insensitive substring elsewhere."""
    value = (value or "").strip()
    if not value:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        return queryset.annotate(search_document=SearchVector(*fields, config="english")).filter(
            search_document=SearchQuery(value, config="english", search_type="websearch")
        )
    for word in value.split():
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


class ViewFilter(GroupDropdownFilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Words in what was said."
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=_themes, empty_label="Any theme", distinct=True
    )
    #: A view's group is its own (a whole group's view) or its session's.
    group = GroupIdOrNameFilter(paths=("group", "session__group"))
    kind = django_filters.ChoiceFilter(choices=View.Kind.choices, empty_label="Any kind")
    organisation = organisation_filter(_organisations)
    status = django_filters.ChoiceFilter(
        choices=View.Status.choices, label="Loop status", empty_label="Any status"
    )
    date_from, date_to = date_range("recorded_on", "Given from", "Given to")
    #: The home page's "See all" links here: the views the user answers for, as its overdue
    #: list counts them, not every view they may read.
    mine = yes_no(
        "Whose", "answered", yes="Views I answer for", no=None, either="Every view I may see"
    )

    Meta = FilterSet.meta(View)

    def search(self, queryset: QuerySet[View], name: str, value: str) -> QuerySet[View]:
        return search_text(queryset, value, "text")

    def answered(self, queryset: QuerySet[View], name: str, value: str) -> QuerySet[View]:
        return answered_scope(_user(self.request), queryset) if value == "yes" else queryset


class ResponseFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Words in the response or who decided."
    )
    outcome = django_filters.ChoiceFilter(
        choices=Response.Outcome.choices, empty_label="Any outcome"
    )
    date_from, date_to = date_range("date", "Responded from", "Responded to")

    Meta = FilterSet.meta(Response)

    def search(self, queryset: QuerySet[Response], name: str, value: str) -> QuerySet[Response]:
        return search_text(queryset, value, "plain_language", "explanation", "decision_maker")
