"""Search and filters for the rewards lists (the pages, their CSV and the API share them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from heard.core.filters import (
    FilterSet,
    Search,
    date_range,
    organisation_filter,
    user_choices,
    yes_no,
)
from heard.participation.filters import session_kind_filter
from heard.participation.models import Session
from heard.people.models import Organisation, YoungPerson
from heard.rewards import selectors
from heard.rewards.models import Approval, ExpenseClaim, PartnerInvoice, Recognition

_organisations = user_choices(Organisation, selectors.organisations_for)


class RecognitionFilter(FilterSet):
    q = Search(
        "title young_person__reference__iexact",
        help_text="Words in the title, or a young person's reference.",
    )
    kind = django_filters.ChoiceFilter(choices=Recognition.Kind.choices, empty_label="Any kind")
    organisation = organisation_filter(_organisations)
    date_from, date_to = date_range("date")

    Meta = FilterSet.meta(Recognition)


class HoursFilter(FilterSet):
    """The young people's hours: by reference and organisation, in a period."""

    q = Search("reference", help_text="A young person's reference.")
    organisation = organisation_filter(_organisations)
    #: The period chosen above the list, carried through "Apply" (the view reads it).
    period = django_filters.CharFilter(
        method="keep", widget=forms.HiddenInput(attrs={"id": "id_filter_period"})
    )

    Meta = FilterSet.meta(YoungPerson)

    def keep(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset


class SessionHoursFilter(FilterSet):
    q = Search("title group__name", help_text="Words in the session's title or group.")
    kind = session_kind_filter()
    hours_set = yes_no("Hours", "filter_set", yes="Set for the session", no="The kind's default")
    date_from, date_to = date_range("date")

    Meta = FilterSet.meta(Session)

    def filter_set(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(reward_hours__isnull=value != "yes")


class _MoneyFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=Approval.choices, empty_label="Any status")
    organisation = organisation_filter(_organisations)


class ClaimFilter(_MoneyFilter):
    q = Search(
        "purpose young_person__reference__iexact claimant__full_name",
        help_text="Words in what it was for, a young person's reference or a claimant's name.",
    )
    date_from, date_to = date_range("created_at__date", "Submitted from", "Submitted to")

    Meta = FilterSet.meta(ExpenseClaim)


class InvoiceFilter(_MoneyFilter):
    q = Search("reference description", help_text="The invoice's reference or description.")
    date_from, date_to = date_range("period_end", "Periods ending from", "Periods ending to")

    Meta = FilterSet.meta(PartnerInvoice)
