from django.urls import path

from heard.audits import views
from heard.core.record_routes import record_views

app_name = "audits"

urlpatterns = [
    path("kite-marks/", views.KiteMarkListView.as_view(), name="kite-mark-list"),
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
