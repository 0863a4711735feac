from heard.audits import views
from heard.core.page_routes import page
from heard.core.record_routes import record_views

app_name = "audits"

urlpatterns = [
    page("kite-marks/", views.KiteMarkListView),
    *record_views(views, "reviews/", "review", member=("delete", "recommend")),
    *record_views(
        views,
        "recommendations/",
        "recommendation",
        pages=("list", "edit"),
        member=("respond", "check"),
        collection={"not-acted-on": views.NotActedOnListView.as_view()},
    ),
    *record_views(
        views,
        "training/",
        "course",
        member=("delete",),
        collection={"trained": views.TrainedListView.as_view()},
    ),
    *record_views(views, "", "audit", member=("delete",)),
]
