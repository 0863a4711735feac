from django.urls import path

from heard.privacy import views

app_name = "privacy"

urlpatterns = [
    path("young-people/<int:pk>/", views.consents, name="consents"),
    path("young-people/<int:pk>/consents/add/", views.consent_add, name="consent-add"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("young-people/<int:pk>/equality/", views.equality, name="equality"),
    path("young-people/<int:pk>/equality/edit/", views.equality_edit, name="equality-edit"),
    path("young-people/<int:pk>/subject-access/", views.subject_access, name="subject-access"),
    path(
        "young-people/<int:pk>/subject-access.json",
        views.subject_access_json,
        name="subject-access-json",
    ),
    path(
        "young-people/<int:pk>/subject-access.pdf",
        views.subject_access_pdf_view,
        name="subject-access-pdf",
    ),
    path("young-people/<int:pk>/erase/", views.erase, name="erase"),
    path("reach/", views.reach, name="reach"),
    path("reach/benchmarks/", views.BenchmarkListView.as_view(), name="benchmarks"),
    path("reach/benchmarks/add/", views.benchmark_add, name="benchmark-add"),
    path("reach/benchmarks/import/", views.benchmark_import, name="benchmark-import"),
    path("reach/targets/", views.TargetListView.as_view(), name="targets"),
    path("reach/targets/add/", views.target_edit, name="target-add"),
    path("reach/targets/<int:pk>/edit/", views.target_edit, name="target-edit"),
]
