from django.urls import path

from heard.consultations import views
from heard.core.routes import record_pages

app_name = "consultations"

urlpatterns = [
    *record_pages(
        "consultations/",
        "consultation",
        list=views.ConsultationListView.as_view(),
        create=views.consultation_create,
        detail=views.consultation_detail,
        edit=views.consultation_edit,
        member={
            "delete": views.consultation_delete,
            "results": views.consultation_results,
        },
    ),
    *record_pages(
        "consultations/questions/",
        "question",
        edit=views.question_edit,
        member={"move": views.question_move, "delete": views.question_delete},
    ),
    path("consultations/<int:pk>/questions/add/", views.question_create, name="question-create"),
    path("consultations/answers/<int:pk>/view/", views.answer_view, name="answer-view"),
    path("portal/surveys/", views.surveys, name="portal-surveys"),
    path("portal/surveys/<int:pk>/", views.survey_answer, name="portal-survey"),
    path("portal/surveys/<int:pk>/thanks/", views.survey_thanks, name="portal-survey-thanks"),
]
