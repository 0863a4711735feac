from django.urls import path

from heard.core.page_routes import page
from heard.core.record_routes import record_views
from heard.participation import concern_views, headcount_views, views

app_name = "participation"

urlpatterns = [
    path("monitoring/", views.MonitoringFollowUpView.as_view(), name="monitoring-followup"),
    *record_views(
        views,
        "",
        "session",
        member=("monitoring-complete",),
        collection={"import": views.session_import},
        create_path="new/",
    ),
    page("<int:pk>/concern/", concern_views.concern_raise),
    page("<int:pk>/headcount/", headcount_views.headcount_add),
    page("headcounts/<int:pk>/remove/", headcount_views.headcount_remove),
]
