from django.urls import path

from heard.core.routes import record_pages
from heard.participation import concern_views, headcount_views, views

app_name = "participation"

urlpatterns = [
    path("monitoring/", views.MonitoringFollowUpView.as_view(), name="monitoring-followup"),
    *record_pages(
        "",
        "session",
        list=views.SessionListView.as_view(),
        create=views.session_create,
        detail=views.session_detail,
        edit=views.session_edit,
        create_path="new/",
        collection={"import": views.session_import},
        member={"monitoring-complete": views.session_monitoring_complete},
    ),
    path("<int:pk>/concern/", concern_views.concern_raise, name="concern-raise"),
    path("<int:pk>/headcount/", headcount_views.headcount_add, name="headcount-add"),
    path("headcounts/<int:pk>/remove/", headcount_views.headcount_remove, name="headcount-remove"),
]
