from django.urls import include, path

from heard.core.routes import record_pages
from heard.indicators import indicator_views, views
from heard.indicators.reports import views as report_views

#: The indicator pages, named ``indicators:indicator-...`` (the API's router names its own
#: ``indicator-list`` and ``indicator-detail``).
indicator_patterns = record_pages(
    "indicators/",
    "indicator",
    list=indicator_views.IndicatorListView.as_view(),
    create=indicator_views.indicator_create,
    detail=indicator_views.indicator_detail,
    edit=indicator_views.indicator_edit,
    member={"delete": indicator_views.indicator_delete},
)

#: The quarterly and annual reports (M22), named ``indicators:report-...``.
report_patterns = record_pages(
    "indicators/reports/",
    "report",
    list=report_views.report_list,
    create=report_views.report_create,
    detail=report_views.report_detail,
    create_path="issue/",
    collection={"view": report_views.report_preview},
)

urlpatterns = [
    path("home/", views.home, name="home"),
    path("", include((indicator_patterns + report_patterns, "indicators"))),
]
