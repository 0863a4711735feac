from django.urls import path

from heard.core.routes import record_pages
from heard.safeguarding import views

app_name = "safeguarding"

urlpatterns = [
    path("concerns/raise/", views.concern_raise, name="concern-raise"),
    path("concerns/raised/", views.concern_raised, name="concern-raised"),
    *record_pages(
        "concerns/", "concern", list=views.ConcernListView.as_view(), detail=views.concern_detail
    ),
    path("concerns/<int:pk>/assign/", views.concern_assign, name="concern-assign"),
    path("concerns/<int:pk>/decide/", views.concern_decide, name="concern-decide"),
    path("concerns/<int:pk>/close/", views.concern_close, name="concern-close"),
    path("checks/due/", views.checks_due, name="checks-due"),
    *record_pages(
        "checks/",
        "check",
        list=views.BackgroundCheckListView.as_view(),
        create=views.check_create,
        edit=views.check_edit,
    ),
    *record_pages(
        "training/",
        "training",
        list=views.TrainingRecordListView.as_view(),
        create=views.training_create,
        edit=views.training_edit,
    ),
]
