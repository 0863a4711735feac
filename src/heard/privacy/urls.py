"""Privacy's pages: those about one young person under ``young-people/<pk>/``, a consent's
withdrawal, and reach with its benchmarks and targets under ``reach/``; each ``(path, view,
name)`` once, its prefix added here."""

from django.urls import path

from heard.core.page_routes import page
from heard.privacy import views
from heard.privacy.views import retention as retention_views

app_name = "privacy"

YOUNG_PERSON_PAGES = (
    ("", views.consents, "consents"),
    ("consents/add/", views.consent_add, "consent-add"),
    ("equality/", views.equality, "equality"),
    ("equality/edit/", views.equality_edit, "equality-edit"),
    ("subject-access/", views.subject_access, "subject-access"),
    ("subject-access.json", views.subject_access_json, "subject-access-json"),
    ("subject-access.pdf", views.subject_access_pdf_view, "subject-access-pdf"),
    ("erase/", views.erase, "erase"),
)
REACH_PAGES = (
    ("", views.reach, "reach"),
    ("benchmarks/", views.BenchmarkListView.as_view(), "benchmarks"),
    ("benchmarks/add/", views.benchmark_add, "benchmark-add"),
    ("benchmarks/import/", views.benchmark_import, "benchmark-import"),
    ("targets/", views.TargetListView.as_view(), "targets"),
    ("targets/add/", views.target_edit, "target-add"),
    ("targets/<int:pk>/edit/", views.target_edit, "target-edit"),
)

urlpatterns = [
    *(path(f"young-people/<int:pk>/{route}", v, name=n) for route, v, n in YOUNG_PERSON_PAGES),
    page("consents/<int:pk>/withdraw/", views.consent_withdraw),
    *(path(f"reach/{route}", view, name=name) for route, view, name in REACH_PAGES),
    page("retention/", retention_views.retention),
    page("retention/run/", retention_views.retention_run),
]
