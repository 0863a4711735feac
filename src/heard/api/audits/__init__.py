"""Audits over the API (M11, M21): audits and the kite mark register, provision reviews and
their recommendations, and young people's training."""

from heard.api.audits.audits import AuditViewSet, KiteMarkViewSet
from heard.api.audits.reviews import RecommendationViewSet, ReviewViewSet
from heard.api.audits.training import CourseViewSet, TrainedViewSet

__all__ = [
    "AuditViewSet",
    "CourseViewSet",
    "KiteMarkViewSet",
    "RecommendationViewSet",
    "ReviewViewSet",
    "TrainedViewSet",
]
