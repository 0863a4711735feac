from django.urls import path

from heard.core.routes import record_pages
from heard.resources import views

app_name = "resources"

urlpatterns = [
    *record_pages(
        "resources/",
        "resource",
        list=views.ResourceListView.as_view(),
        create=views.resource_create,
        detail=views.resource_detail,
        edit=views.resource_edit,
        member={"delete": views.resource_delete, "download": views.resource_download},
    ),
    path("resources/sessions/<int:pk>/", views.session_resources, name="session-resources"),
    path(
        "resources/sessions/uses/<int:pk>/remove/",
        views.session_resource_remove,
        name="session-resource-remove",
    ),
]
