"""Search and filters of the action plan list (the page and the API)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from heard.core.filters import FilterSet, organisation_filter
from heard.core.standards import Standard
from heard.people.models import Organisation
from heard.plans.models import Action, ActionPlan, ActionReview, Outcome, Progress
from heard.plans.policies import PLAN


def _organisations(request: Any) -> QuerySet[Organisation]:
    """Organisations that have a plan the user may read."""
    user = getattr(request, "user", None)
    plans: Any = PLAN.scope(user, "view") if user is not None else ActionPlan.objects.none()
    return Organisation.objects.filter(pk__in=plans.values("organisation")).order_by("name")


def _periods() -> list[tuple[str, str]]:
    """The periods that have plans, newest first (read when the form is shown)."""
    periods = ActionPlan.objects.order_by("-period").values_list("period", flat=True).distinct()
    return [(period, period) for period in periods]


class ActionPlanFilter(FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    organisation = organisation_filter(_organisations)
    period = django_filters.ChoiceFilter(choices=_periods, empty_label="Any period")

    class Meta:
        model = ActionPlan
        fields = ["q", "organisation", "period"]

    def search(self, queryset: QuerySet[ActionPlan], name: str, value: str) -> QuerySet[Any]:
        query = Q()
        for term in value.split():
            query &= (
                Q(title__icontains=term)
                | Q(period__icontains=term)
                | Q(organisation__name__icontains=term)
            )
        return queryset.filter(query)


class OutcomeFilter(FilterSet):
    plan = django_filters.NumberFilter(field_name="plan")
    standard = django_filters.ChoiceFilter(choices=Standard.choices)

    class Meta:
        model = Outcome
        fields = ["plan", "standard"]


class ActionFilter(FilterSet):
    plan = django_filters.NumberFilter(field_name="outcome__plan")
    outcome = django_filters.NumberFilter(field_name="outcome")
    progress = django_filters.ChoiceFilter(choices=Progress.choices)

    class Meta:
        model = Action
        fields = ["plan", "outcome", "progress"]


class ActionReviewFilter(FilterSet):
    action = django_filters.NumberFilter(field_name="action")

    class Meta:
        model = ActionReview
        fields = ["action"]
