"""Recognition and expenses (issue 19): staff pages under rewards/, the young person's under
portal/."""

from django.urls import path

from heard.core.record_routes import record_views
from heard.core.routes import record_pages
from heard.rewards import views

app_name = "rewards"

urlpatterns = [
    *record_views(
        views,
        "rewards/recognitions/",
        "recognition",
        list=views.RecognitionListView.as_view(),
        member=("delete", "certificate"),
        collection={"hours": views.HoursListView.as_view(), "partners": views.partner_totals},
    ),
    *record_views(
        views,
        "rewards/session-hours/",
        "session-hours",
        list=views.SessionHoursListView.as_view(),
        pages=("edit",),
        collection={"defaults": views.hours_defaults_edit},
    ),
    *record_views(
        views,
        "rewards/claims/",
        "claim",
        list=views.ClaimListView.as_view(),
        member=("delete",),
        member_views={
            "add-item": views.claim_add_item,
            "approve": views.claim_approve,
            "reject": views.claim_reject,
            "pay": views.claim_pay,
        },
        collection={"finance": views.claim_finance},
    ),
    *record_pages(
        "rewards/claims/items/",
        "item",
        member={"delete": views.item_delete, "receipt": views.item_receipt},
    ),
    *record_views(
        views,
        "rewards/invoices/",
        "invoice",
        list=views.InvoiceListView.as_view(),
        member=("delete", "approve", "reject", "pay"),
    ),
    path("portal/certificates/", views.my_certificates, name="portal-certificates"),
    path(
        "portal/certificates/<int:pk>/certificate.pdf",
        views.my_certificate,
        name="portal-certificate",
    ),
]
