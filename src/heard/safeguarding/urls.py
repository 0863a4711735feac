from heard.core.page_routes import page
from heard.core.record_routes import record_views
from heard.safeguarding import views

app_name = "safeguarding"

urlpatterns = [
    *record_views(
        views,
        "concerns/",
        "concern",
        pages=("list", "detail"),
        member=("assign", "decide", "close"),
        collection={"raise": views.concern_raise, "raised": views.concern_raised},
    ),
    page("checks/due/", views.checks_due),
    *record_views(
        views,
        "checks/",
        "check",
        list=views.BackgroundCheckListView.as_view(),
        pages=("create", "edit"),
    ),
    *record_views(
        views,
        "training/",
        "training",
        list=views.TrainingRecordListView.as_view(),
        pages=("create", "edit"),
    ),
]
