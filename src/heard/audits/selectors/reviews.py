"""Reads of provision reviews and their recommendations, scoped by their policies: a partner
worker reads only the reviews of their own organisation and the recommendations addressed to
it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from heard.audits.models import ProvisionReview, Recommendation
from heard.audits.policies import RECOMMENDATIONS, REVIEWS
from heard.core.selectors import get_or_404


def reviews_visible_to(user: Any) -> QuerySet[ProvisionReview]:
    """The reviews ``user`` may read, with their provider and their recommendations counted."""
    return (
        REVIEWS.scope(user, "view", ProvisionReview.objects.select_related("provider"))
        .annotate(
            recommendation_count=Count("recommendations", distinct=True),
            not_acted_on_count=Count(
                "recommendations",
                filter=Q(recommendations__outcome=Recommendation.Outcome.NOT_ACTED_ON),
                distinct=True,
            ),
        )
        .order_by("-visit_date", "-id")
    )


def review_get(user: Any, pk: Any) -> ProvisionReview:
    """One review with its recommendations and reviewers; 404 unless the user may read it."""
    rows = REVIEWS.scope(user, "view", ProvisionReview.objects.select_related("provider"))
    rows = rows.prefetch_related(
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.select_related("responded_by").order_by("id"),
        ),
        "reviewers",
    )
    return get_or_404(rows, pk)


def recommendations_visible_to(user: Any) -> QuerySet[Recommendation]:
    """The recommendations ``user`` may read, with their review and provider."""
    rows = Recommendation.objects.select_related("review__provider")
    return RECOMMENDATIONS.scope(user, "view", rows).order_by("-review__visit_date", "id")


def recommendation_get(user: Any, pk: Any) -> Recommendation:
    return get_or_404(recommendations_visible_to(user), pk)


def recommendations_not_acted_on(user: Any) -> QuerySet[Recommendation]:
    """The recommendations found not acted on at the revisit: what is to be reported."""
    return recommendations_visible_to(user).filter(outcome=Recommendation.Outcome.NOT_ACTED_ON)
