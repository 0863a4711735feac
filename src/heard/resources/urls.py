from heard.core.page_routes import page
from heard.core.record_routes import record_views
from heard.resources import views

app_name = "resources"

urlpatterns = [
    *record_views(views, "resources/", "resource", member=("delete", "download")),
    page("resources/sessions/<int:pk>/", views.session_resources),
    page("resources/sessions/uses/<int:pk>/remove/", views.session_resource_remove),
]
