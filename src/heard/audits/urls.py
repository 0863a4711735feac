from django.urls import path

from heard.audits import views
from heard.core.routes import record_pages

app_name = "audits"

urlpatterns = [
    path("kite-marks/", views.KiteMarkListView.as_view(), name="kite-mark-list"),
    *record_pages(
        "reviews/",
        "review",
        list=views.ReviewListView.as_view(),
        create=views.review_create,
        detail=views.review_detail,
        edit=views.review_edit,
        member={"delete": views.review_delete, "recommend": views.review_recommend},
    ),
    *record_pages(
        "recommendations/",
        "recommendation",
        list=views.RecommendationListView.as_view(),
        edit=views.recommendation_edit,
        collection={"not-acted-on": views.NotActedOnListView.as_view()},
        member={"respond": views.recommendation_respond, "check": views.recommendation_check},
    ),
    *record_pages(
        "training/",
        "course",
        list=views.CourseListView.as_view(),
        create=views.course_create,
        detail=views.course_detail,
        edit=views.course_edit,
        collection={"trained": views.TrainedListView.as_view()},
        member={"delete": views.course_delete},
    ),
    *record_pages(
        "",
        "audit",
        list=views.AuditListView.as_view(),
        create=views.audit_create,
        detail=views.audit_detail,
        edit=views.audit_edit,
        member={"delete": views.audit_delete},
    ),
]
