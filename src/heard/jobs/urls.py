from django.urls import path

from heard.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="job-list"),
    path("<uuid:job_uuid>/", views.job_detail, name="job-detail"),
    path("<uuid:job_uuid>/download/", views.job_download, name="job-download"),
    path("<uuid:job_uuid>/try-again/", views.job_try_again, name="job-try-again"),
]
