"""Search and filters for the safeguarding lists (the pages and the API share them)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from heard.core.filters import FilterSet, Search, StateFilter
from heard.safeguarding.models import BackgroundCheck, Concern, ConcernChange, TrainingRecord

#: References before they were random were the primary key (SC-00012) and leads may have noted
#: them: they still find the concerns that had them (migration 0004 replaced them, audited).
FORMER_REFERENCE = re.compile(r"SC-(\d{5,9})")


class ConcernFilter(FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label="Reference",
        help_text=(
            "A concern's reference like SC-7K3MQ2XP (or one given before references were "
            "random, like SC-00012), or a young person's like YP-ABC234."
        ),
    )
    status = django_filters.ChoiceFilter(choices=Concern.Status.choices, empty_label="Any status")
    decision = django_filters.ChoiceFilter(
        choices=Concern.Decision.choices, empty_label="Any decision"
    )

    class Meta:
        model = Concern
        fields = ["search", "status", "decision"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip().upper()  # never empty: the filter skips an empty search
        terms = Q(young_person__reference__iexact=value)
        terms |= Q(reference=value if value.startswith("SC-") else f"SC-{value}")
        if former := FORMER_REFERENCE.fullmatch(value):
            replaced = ConcernChange.objects.filter(
                concern=OuterRef("pk"), values__has_key="reference"
            )
            terms |= Q(pk=int(former.group(1))) & Q(Exists(replaced))
        return queryset.filter(terms)


_STATE_CHOICES = (
    ("current", "Current"),
    ("due", "Due for renewal within 30 days"),
    ("expired", "Expired"),
)


def _check_state(state: str, today: datetime.date) -> Q:
    """Checks issued and not yet due for renewal, due within 30 days, or past it."""
    soon = today + datetime.timedelta(days=30)
    return {
        "current": Q(issued_on__lte=today, renewal_due__gte=today),
        "due": Q(renewal_due__gte=today, renewal_due__lte=soon),
        "expired": Q(renewal_due__lt=today),
    }[state]


#: A member of staff: their name or email.
STAFF = "staff__full_name staff__email"


class BackgroundCheckFilter(FilterSet):
    search = Search(STAFF, label="Staff name or email")
    kind = django_filters.ChoiceFilter(choices=BackgroundCheck.Kind.choices, empty_label="Any kind")
    state = StateFilter(_STATE_CHOICES, _check_state, label="Renewal")

    class Meta:
        model = BackgroundCheck
        fields = ["search", "kind", "state"]


class TrainingRecordFilter(FilterSet):
    search = Search(STAFF, label="Staff name or email")
    course = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = TrainingRecord
        fields = ["search", "course"]
