"""Search and filters for the audits lists (the pages and the API share them)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from heard.audits import selectors
from heard.audits.models import Audit, Course, CourseAttendance, ProvisionReview, Recommendation
from heard.core.filters import FilterSet, Search, StateFilter, date_range, organisation_filter
from heard.people.models import Organisation


def organisations(request: Any) -> QuerySet[Organisation]:
    """The organisations a filter offers: those audited that the user may see (a partner: their
    own)."""
    if request is None:
        return Organisation.objects.none()
    audited = selectors.audits_visible_to(request.user).values("organisation")
    return Organisation.objects.filter(pk__in=audited).order_by("name")


#: A kite mark's holder: its organisation or service.
HOLDER = "organisation__name service"


class AuditFilter(FilterSet):
    search = Search(
        HOLDER,
        label="Organisation or service",
        help_text="Any part of the name, for example Youth.",
    )
    organisation = organisation_filter(organisations)
    decision = django_filters.ChoiceFilter(
        choices=Audit.Decision.choices, empty_label="Any decision", label="Kite mark decision"
    )
    date_from, date_to = date_range("date", "Audited from", "Audited to")

    class Meta:
        model = Audit
        fields = ["search", "organisation", "decision", "date_from", "date_to"]


KITE_MARK_STATES = (
    ("current", "Current"),
    ("due", "Renewal due (within 90 days, or expired)"),
    ("expiring", "Expiring within 90 days"),
    ("expired", "Expired"),
)


class KiteMarkFilter(FilterSet):
    search = Search(HOLDER, label="Holder", help_text="Any part of the name.")
    organisation = organisation_filter(organisations)
    state = StateFilter(KITE_MARK_STATES, selectors.kite_mark_state_filter, label="Renewal")
    expires_from, expires_to = date_range("expires_on", "Expires from", "Expires to")

    class Meta:
        model = Audit
        fields = ["search", "organisation", "state", "expires_from", "expires_to"]


def providers(request: Any) -> QuerySet[Organisation]:
    """The providers a filter offers: those reviewed that the user may see."""
    if request is None:
        return Organisation.objects.none()
    reviewed = selectors.reviews_visible_to(request.user).values("provider")
    return Organisation.objects.filter(pk__in=reviewed).order_by("name")


class ReviewFilter(FilterSet):
    search = Search(
        "provider__name service", label="Provider or service", help_text="Any part of the name."
    )
    provider = django_filters.ModelChoiceFilter(queryset=providers, empty_label="Any provider")
    visit_from, visit_to = date_range("visit_date", "Visited from", "Visited to")

    class Meta:
        model = ProvisionReview
        fields = ["search", "provider", "visit_from", "visit_to"]


RESPONSE_CHOICES = (("given", "Response given"), ("awaited", "Response awaited"))
OUTCOME_CHOICES = (*Recommendation.Outcome.choices, ("unchecked", "Not checked yet"))


class RecommendationFilter(FilterSet):
    search = Search(
        "text review__provider__name review__service",
        help_text="Any part of the recommendation, the provider or the service.",
    )
    provider = django_filters.ModelChoiceFilter(
        field_name="review__provider", queryset=providers, empty_label="Any provider"
    )
    response = django_filters.ChoiceFilter(
        choices=RESPONSE_CHOICES, method="filter_response", empty_label="Any", label="Response"
    )
    outcome = django_filters.ChoiceFilter(
        choices=OUTCOME_CHOICES, method="filter_outcome", empty_label="Any", label="At the revisit"
    )

    class Meta:
        model = Recommendation
        fields = ["search", "provider", "response", "outcome"]

    def filter_response(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.exclude(response="") if value == "given" else queryset.filter(response="")

    def filter_outcome(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(outcome="" if value == "unchecked" else value)


class CourseFilter(FilterSet):
    search = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title")
    kind = django_filters.ChoiceFilter(choices=Course.Kind.choices, empty_label="Any kind")
    date_from, date_to = date_range("date", "Held from", "Held to")

    class Meta:
        model = Course
        fields = ["search", "kind", "date_from", "date_to"]


TRAINED_STATES = (("current", "Trained and current"), ("expired", "No longer current"))


class TrainedFilter(FilterSet):
    search = Search(
        "young_person__reference",
        label="Young person's reference",
        help_text="Any part of it, for example ABC2.",
    )
    kind = django_filters.ChoiceFilter(
        field_name="course__kind", choices=Course.Kind.choices, empty_label="Any kind"
    )
    state = StateFilter(TRAINED_STATES, selectors.trained_state_filter, label="Current")

    class Meta:
        model = CourseAttendance
        fields = ["search", "kind", "state"]
