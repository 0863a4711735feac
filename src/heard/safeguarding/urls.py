from django.urls import path

from heard.core.routes import record_pages
from heard.safeguarding import views

app_name = "safeguarding"

urlpatterns = [
    *record_pages(
        "concerns/",
        "concern",
        list=views.ConcernListView.as_view(),
        detail=views.concern_detail,
        collection={"raise": views.concern_raise, "raised": views.concern_raised},
        member={
            "assign": views.concern_assign,
            "decide": views.concern_decide,
            "close": views.concern_close,
        },
    ),
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
