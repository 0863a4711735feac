"""Recognition and expenses (issue 19): staff pages under rewards/, the young person's under
portal/."""

from django.urls import path

from heard.core.record_routes import record_views
from heard.rewards import views

app_name = "rewards"

urlpatterns = [
    *record_views(
        views,
        "rewards/recognitions/",
        "recognition",
        member=("delete", "certificate"),
        collection={"hours": views.HoursListView.as_view(), "partners": views.partner_totals},
    ),
    *record_views(
        views,
        "rewards/session-hours/",
        "session-hours",
        pages=("list", "edit"),
        collection={"defaults": views.hours_defaults_edit},
    ),
    *record_views(
        views,
        "rewards/claims/",
        "claim",
        member=("delete", "add-item", "approve", "reject", "pay"),
        collection={"finance": views.claim_finance},
    ),
    *record_views(views, "rewards/claims/items/", "item", pages=(), member=("delete", "receipt")),
    *record_views(
        views, "rewards/invoices/", "invoice", member=("delete", "approve", "reject", "pay")
    ),
    path("portal/certificates/", views.my_certificates, name="portal-certificates"),
    path(
        "portal/certificates/<int:pk>/certificate.pdf",
        views.my_certificate,
        name="portal-certificate",
    ),
]
