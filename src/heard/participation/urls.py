from django.urls import path

from heard.participation import concern_views, views

app_name = "participation"

urlpatterns = [
    path("", views.SessionListView.as_view(), name="session-list"),
    path("new/", views.session_create, name="session-create"),
    path("import/", views.session_import, name="session-import"),
    path("monitoring/", views.MonitoringFollowUpView.as_view(), name="monitoring-followup"),
    path("<int:pk>/", views.session_detail, name="session-detail"),
    path("<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("<int:pk>/concern/", concern_views.concern_raise, name="concern-raise"),
    path(
        "<int:pk>/monitoring-complete/",
        views.session_monitoring_complete,
        name="session-monitoring-complete",
    ),
]
