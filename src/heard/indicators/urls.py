from django.urls import include, path

from heard.core.page_routes import page
from heard.core.record_routes import record_views
from heard.indicators import indicator_views, views
from heard.indicators.reports import views as report_views

#: The indicator pages, named ``indicators:indicator-...`` (the API's router names its own
#: ``indicator-list`` and ``indicator-detail``).
indicator_patterns = record_views(indicator_views, "indicators/", "indicator", member=("delete",))

#: The quarterly and annual reports (M22), named ``indicators:report-...``.
report_patterns = record_views(
    report_views,
    "indicators/reports/",
    "report",
    pages=("list", "create", "detail"),
    collection={"view": report_views.report_preview},
    create_path="issue/",
)

urlpatterns = [
    page("home/", views.home),
    path("", include((indicator_patterns + report_patterns, "indicators"))),
]
