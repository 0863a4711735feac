from django.urls import path

from heard.audits import views
from heard.core.routes import record_pages

app_name = "audits"

urlpatterns = [
    path("kite-marks/", views.KiteMarkListView.as_view(), name="kite-mark-list"),
    *record_pages(
        "",
        "audit",
        list=views.AuditListView.as_view(),
        create=views.audit_create,
        detail=views.audit_detail,
        edit=views.audit_edit,
        member={"delete": views.audit_delete},
    ),
]
