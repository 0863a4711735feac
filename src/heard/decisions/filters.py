"""Search and filters for the budget rounds list (the page, its CSV and the API share them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from heard.core.filters import FilterSet, Search, organisation_filter
from heard.decisions.models import Ballot, BudgetRound
from heard.people.models import Organisation


def _stage(value: str) -> Q:
    """The rows in a stage (``BudgetRound.stage_on`` as a query)."""
    today = timezone.localdate()
    undecided = Q(decided_on__isnull=True)
    return {
        BudgetRound.Stage.DECIDED: Q(decided_on__isnull=False),
        BudgetRound.Stage.CLOSED: undecided & Q(closes__lt=today),
        BudgetRound.Stage.VOTING: undecided & Q(opens__lte=today, closes__gte=today),
        BudgetRound.Stage.PROPOSALS: undecided & Q(opens__gt=today, proposals_open__lte=today),
        BudgetRound.Stage.DRAFT: undecided
        & Q(opens__gt=today)
        & (Q(proposals_open__isnull=True) | Q(proposals_open__gt=today)),
    }[BudgetRound.Stage(value)]


def _organisations(request: Any) -> QuerySet[Organisation]:
    return (
        Organisation.objects.order_by("name")
        if request is not None
        else Organisation.objects.none()
    )


class RoundFilter(FilterSet):
    q = Search("title description", help_text="Words in the title or the description.")
    kind = django_filters.ChoiceFilter(choices=BudgetRound.Kind.choices, empty_label="Any kind")
    stage = django_filters.ChoiceFilter(
        choices=BudgetRound.Stage.choices, empty_label="Any stage", method="filter_stage"
    )
    organisation = organisation_filter(_organisations)

    Meta = FilterSet.meta(BudgetRound)

    def filter_stage(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(_stage(value))


class BallotFilter(FilterSet):
    round = django_filters.NumberFilter(field_name="round_id", label="Round number", min_value=1)
    origin = django_filters.ChoiceFilter(choices=Ballot.Origin.choices, empty_label="Any origin")

    Meta = FilterSet.meta(Ballot)
