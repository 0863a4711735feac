from heard.core.page_routes import page
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
    page("<int:pk>/outcomes/add/", views.outcome_add),
    page("outcomes/<int:pk>/edit/", views.outcome_edit),
    page("outcomes/<int:pk>/delete/", views.outcome_delete),
    page("outcomes/<int:pk>/actions/add/", views.action_add),
    *record_views(views, "actions/", "action", pages=("detail", "edit"), member=("delete",)),
    page("actions/<int:pk>/reviews/add/", views.review_add),
]
