from heard.core.page_routes import page
from heard.jobs import views

app_name = "jobs"

urlpatterns = [
    page("", views.job_list),
    page("<uuid:job_uuid>/", views.job_detail),
    page("<uuid:job_uuid>/download/", views.job_download),
    page("<uuid:job_uuid>/try-again/", views.job_try_again),
]
