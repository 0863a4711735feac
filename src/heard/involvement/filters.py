"""Search and filters for the involvement lists (the pages, their CSV and the API share them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from heard.core.filters import (
    FilterSet,
    Search,
    date_range,
    organisation_filter,
    user_choices,
    yes_no,
)
from heard.involvement import selectors
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.participation.filters import session_kind_filter
from heard.people.models import Organisation

#: Every organisation, or a partner worker's own.
_organisations = user_choices(Organisation, selectors.organisations_for_activities)


class ActivityFilter(FilterSet):
    q = Search("title notes", help_text="Words in the title or the notes.")
    kind = django_filters.ChoiceFilter(
        choices=InvolvementActivity.Kind.choices, empty_label="Any kind"
    )
    organisation = organisation_filter(_organisations)
    date_from, date_to = date_range("date")
    involved = yes_no("Young people involved", "filter_involved")

    Meta = FilterSet.meta(InvolvementActivity)

    def filter_involved(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(young_people_involved=value == "yes")


class EvaluationFilter(FilterSet):
    q = Search("comment session__title", help_text="Words in the comment or the session's title.")
    session = django_filters.NumberFilter(
        field_name="session_id", label="Session number", min_value=1
    )
    session_kind = session_kind_filter(field_name="session__kind")
    rating = django_filters.ChoiceFilter(
        choices=Evaluation.Rating.choices, empty_label="Any rating"
    )
    date_from, date_to = date_range("session__date", "Sessions from", "Sessions to")

    Meta = FilterSet.meta(Evaluation)
