"""Recognition and expenses (issue 19): staff pages under rewards/, the young person's under
portal/."""

from django.urls import path

from heard.core.routes import record_pages
from heard.rewards import views

app_name = "rewards"

urlpatterns = [
    *record_pages(
        "rewards/recognitions/",
        "recognition",
        list=views.RecognitionListView.as_view(),
        create=views.recognition_create,
        collection={"hours": views.HoursListView.as_view(), "partners": views.partner_totals},
        detail=views.recognition_detail,
        edit=views.recognition_edit,
        member={"delete": views.recognition_delete, "certificate": views.recognition_certificate},
    ),
    *record_pages(
        "rewards/session-hours/",
        "session-hours",
        list=views.SessionHoursListView.as_view(),
        collection={"defaults": views.hours_defaults_edit},
        edit=views.session_hours_edit,
    ),
    *record_pages(
        "rewards/claims/",
        "claim",
        list=views.ClaimListView.as_view(),
        create=views.claim_create,
        collection={"finance": views.claim_finance},
        detail=views.claim_detail,
        edit=views.claim_edit,
        member={
            "delete": views.claim_delete,
            "add-item": views.claim_add_item,
            "approve": views.claim_approve,
            "reject": views.claim_reject,
            "pay": views.claim_pay,
        },
    ),
    *record_pages(
        "rewards/claims/items/",
        "item",
        member={"delete": views.item_delete, "receipt": views.item_receipt},
    ),
    *record_pages(
        "rewards/invoices/",
        "invoice",
        list=views.InvoiceListView.as_view(),
        create=views.invoice_create,
        detail=views.invoice_detail,
        edit=views.invoice_edit,
        member={
            "delete": views.invoice_delete,
            "approve": views.invoice_approve,
            "reject": views.invoice_reject,
            "pay": views.invoice_pay,
        },
    ),
    path("portal/certificates/", views.my_certificates, name="portal-certificates"),
    path(
        "portal/certificates/<int:pk>/certificate.pdf",
        views.my_certificate,
        name="portal-certificate",
    ),
]
