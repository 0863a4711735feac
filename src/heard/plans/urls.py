from django.urls import path

from heard.core.routes import record_pages
from heard.plans import views

app_name = "plans"

urlpatterns = [
    *record_pages(
        "",
        "plan",
        list=views.ActionPlanListView.as_view(),
        create=views.plan_create,
        detail=views.plan_detail,
        edit=views.plan_edit,
        member={
            "delete": views.plan_delete,
            "export": views.plan_export,
            "copy": views.plan_copy,
            "import": views.plan_import,
        },
    ),
    path("<int:pk>/outcomes/add/", views.outcome_add, name="outcome-add"),
    path("outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome-edit"),
    path("outcomes/<int:pk>/delete/", views.outcome_delete, name="outcome-delete"),
    path("outcomes/<int:pk>/actions/add/", views.action_add, name="action-add"),
    *record_pages(
        "actions/",
        "action",
        detail=views.action_detail,
        edit=views.action_edit,
        member={"delete": views.action_delete},
    ),
    path("actions/<int:pk>/reviews/add/", views.review_add, name="review-add"),
]
