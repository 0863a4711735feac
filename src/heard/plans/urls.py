from django.urls import path

from heard.core.record_routes import record_views
from heard.plans import views

app_name = "plans"

urlpatterns = [
    *record_views(
        views,
        "",
        "plan",
        list=views.ActionPlanListView.as_view(),
        member=("delete", "export", "copy", "import"),
    ),
    path("<int:pk>/outcomes/add/", views.outcome_add, name="outcome-add"),
    path("outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome-edit"),
    path("outcomes/<int:pk>/delete/", views.outcome_delete, name="outcome-delete"),
    path("outcomes/<int:pk>/actions/add/", views.action_add, name="action-add"),
    *record_views(views, "actions/", "action", pages=("detail", "edit"), member=("delete",)),
    path("actions/<int:pk>/reviews/add/", views.review_add, name="review-add"),
]
