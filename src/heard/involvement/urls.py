from django.urls import path

from heard.core.routes import record_pages
from heard.involvement import views

app_name = "involvement"

urlpatterns = [
    *record_pages(
        "activities/",
        "activity",
        list=views.ActivityListView.as_view(),
        create=views.activity_create,
        detail=views.activity_detail,
        edit=views.activity_edit,
        member={"delete": views.activity_delete},
    ),
    *record_pages(
        "evaluations/",
        "evaluation",
        list=views.EvaluationListView.as_view(),
        edit=views.evaluation_edit,
        member={"delete": views.evaluation_delete},
    ),
    path(
        "evaluations/sessions/<int:pk>/",
        views.session_evaluations,
        name="session-evaluations",
    ),
    path(
        "evaluations/sessions/<int:pk>/add/",
        views.evaluation_create,
        name="evaluation-create",
    ),
]
