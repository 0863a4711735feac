"""The audits app's pages."""

from heard.audits.views.audits import (
    AuditListView,
    KiteMarkListView,
    audit_create,
    audit_delete,
    audit_detail,
    audit_edit,
)
from heard.audits.views.reviews import (
    NotActedOnListView,
    RecommendationListView,
    ReviewListView,
    recommendation_check,
    recommendation_edit,
    recommendation_respond,
    review_create,
    review_delete,
    review_detail,
    review_edit,
    review_recommend,
)

__all__ = [
    "NotActedOnListView",
    "RecommendationListView",
    "ReviewListView",
    "recommendation_check",
    "recommendation_edit",
    "recommendation_respond",
    "review_create",
    "review_delete",
    "review_detail",
    "review_edit",
    "review_recommend",
    "AuditListView",
    "KiteMarkListView",
    "audit_create",
    "audit_delete",
    "audit_detail",
    "audit_edit",
]
