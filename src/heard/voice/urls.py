from django.urls import path

from heard.core.record_routes import record_views
from heard.voice import views

app_name = "voice"

urlpatterns = [
    *record_views(views, "", "view", list=views.ViewListView.as_view(), pages=("detail", "edit")),
    path("<int:pk>/evidence/new/", views.evidence_add, name="evidence-add"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
    path(
        "sessions/<int:session_pk>/views/new/",
        views.session_views_create,
        name="session-views-create",
    ),
    *record_views(views, "responses/", "response", pages=("create", "detail"), create_path="new/"),
    path("responses/<int:pk>/feedback/new/", views.feedback_create, name="feedback-create"),
    path("feedback-owed/", views.FeedbackOwedView.as_view(), name="feedback-owed"),
    path("loop/", views.loop_figures, name="loop-figures"),
    path("young-people/<int:pk>/journey/", views.young_person_journey, name="young-person-journey"),
]
