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
from heard.audits.views.training import (
    CourseListView,
    TrainedListView,
    course_create,
    course_delete,
    course_detail,
    course_edit,
)

__all__ = [
    "CourseListView",
    "TrainedListView",
    "course_create",
    "course_delete",
    "course_detail",
    "course_edit",
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
