from django.urls import path

from heard.consultations import views
from heard.core.page_routes import page
from heard.core.record_routes import record_views

app_name = "consultations"

urlpatterns = [
    *record_views(views, "consultations/", "consultation", member=("delete", "results")),
    *record_views(
        views, "consultations/questions/", "question", pages=("edit",), member=("move", "delete")
    ),
    page("consultations/<int:pk>/questions/add/", views.question_create),
    page("consultations/answers/<int:pk>/view/", views.answer_view),
    path("portal/surveys/", views.surveys, name="portal-surveys"),
    path("portal/surveys/<int:pk>/", views.survey_answer, name="portal-survey"),
    path("portal/surveys/<int:pk>/thanks/", views.survey_thanks, name="portal-survey-thanks"),
]
