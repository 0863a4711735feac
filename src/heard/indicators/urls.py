from django.urls import path

from heard.core.routes import record_pages
from heard.indicators import indicator_views, views

urlpatterns = [
    path("home/", views.home, name="home"),
    *record_pages(
        "indicators/",
        "indicator",
        list=indicator_views.IndicatorListView.as_view(),
        create=indicator_views.indicator_create,
        detail=indicator_views.indicator_detail,
        edit=indicator_views.indicator_edit,
        member={"delete": indicator_views.indicator_delete},
    ),
]
