"""Pages for expense claims and partner invoices, one set for both from a table of the two
kinds of money: lists, details, the forms, and the decisions (approve, reject, pay, delete),
each confirmed on its own page. A claim's items, receipts and finance export are in
``claims.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import (
    DESCRIPTION_CSV,
    ORGANISATION,
    PAID_ON_CSV,
    PAYMENT_REFERENCE_CSV,
    choice_tag,
)
from heard.core.forms import changed_values
from heard.core.permissions import can
from heard.core.records import Record
from heard.rewards import selectors, services
from heard.rewards.filters import ClaimFilter, InvoiceFilter
from heard.rewards.forms import (
    ClaimForm,
    InvoiceForm,
    NewClaimForm,
    PayForm,
    RejectForm,
    claim_initial,
    invoice_initial,
)
from heard.rewards.models import Approval, ExpenseClaim

STATUS = choice_tag(
    gettext_lazy("Status"),
    "status",
    {"paid": "green", "approved": "blue", "rejected": "red"},
    other="yellow",
)

CLAIM = Record(
    "rewards:claim",
    "rewards.expenseclaim",
    selectors.claim_get,
    form=ClaimForm,
    initial=claim_initial,
    label=lambda claim: claim.purpose,
    files=True,
)
INVOICE = Record(
    "rewards:invoice",
    "rewards.partnerinvoice",
    selectors.invoice_get,
    form=InvoiceForm,
    initial=invoice_initial,
    label=lambda invoice: f"invoice {invoice.reference}",
)
claim_url = CLAIM.url


def whose(claim: ExpenseClaim) -> str:
    if claim.claimant_id:
        return f"{claim.claimant.full_name} (staff)"  # type: ignore[union-attr]
    return claim.young_person.reference if claim.young_person else ""


ClaimListView = CLAIM.list_view(
    title="Expense claims",
    selector=selectors.claims_visible_to,
    filterset_class=ClaimFilter,
    columns=(
        CLAIM.link_column("Claim", "purpose"),
        tables.Column(gettext_lazy("Whose costs"), whose),
        ORGANISATION,
        tables.Column(gettext_lazy("Submitted"), lambda row: row.created_at.date()),
        tables.Column(gettext_lazy("Items"), "item_count", numeric=True),
        tables.Column(gettext_lazy("Total (£)"), "total", numeric=True),
        STATUS,
        PAID_ON_CSV,
        PAYMENT_REFERENCE_CSV,
    ),
)


InvoiceListView = INVOICE.list_view(
    title="Partner invoices",
    selector=selectors.invoices_visible_to,
    filterset_class=InvoiceFilter,
    columns=(
        INVOICE.link_column("Reference", "reference"),
        ORGANISATION,
        tables.Column(gettext_lazy("Period from"), "period_start"),
        tables.Column(gettext_lazy("Period to"), "period_end"),
        tables.Column(gettext_lazy("Amount (£)"), "amount", numeric=True),
        STATUS,
        DESCRIPTION_CSV,
        PAID_ON_CSV,
        PAYMENT_REFERENCE_CSV,
    ),
)


def _decisions(user: Any, obj: Any, kind: Record) -> dict[str, bool]:
    waiting = obj.status == Approval.SUBMITTED
    return {
        "can_change": waiting and can(user, kind.permission("change"), obj),
        "can_delete": waiting and can(user, kind.permission("delete"), obj),
        "can_approve": waiting and can(user, kind.permission("approve"), obj),
        "can_pay": obj.status == Approval.APPROVED and can(user, kind.permission("pay"), obj),
        "can_view_history": can(user, "core.view_history"),
    }


def _claim_page(request: HttpRequest, claim: ExpenseClaim) -> dict[str, Any]:
    decisions = _decisions(request.user, claim, CLAIM)
    more_than_one = claim.item_count > 1  # type: ignore[attr-defined]
    return {
        "whose": whose(claim),
        "items": selectors.claim_items(claim),
        **decisions,
        "can_delete_items": decisions["can_change"] and more_than_one,
    }


claim_detail = CLAIM.detail_view("rewards/claim_detail.html", _claim_page)
invoice_detail = INVOICE.detail_view(
    "rewards/invoice_detail.html",
    lambda request, invoice: {
        "title": _("Invoice %(reference)s") % {"reference": invoice.reference},
        **_decisions(request.user, invoice, INVOICE),
    },
)


def _claim_changes(form: ClaimForm) -> dict[str, Any]:
    """The claim's changed values; whose costs they are changes as one."""
    values = form.claim_values()
    changed = {name: values[name] for name in values if name in changed_values(form)}
    if "whose" in form.changed_data or "young_person" in form.changed_data:
        changed.update(young_person=values["young_person"], claimant=values["claimant"])
    return changed


claim_create = CLAIM.create_view(
    services.claim_submit,
    form=NewClaimForm,
    title="Submit an expense claim",
    submit_label="Submit claim",
    success="Claim submitted. Add any other items on its page.",
    values=lambda form: {"items": [form.item_values()], **form.claim_values()},
)
claim_edit = CLAIM.edit_view(services.claim_update, values=_claim_changes)
invoice_create = INVOICE.create_view(
    services.invoice_record,
    title="Record a partner invoice",
    submit_label="Record invoice",
    success=lambda added: f"Invoice {added.reference} recorded.",
)
invoice_edit = INVOICE.edit_view(services.invoice_update)


# The decisions, the same for both kinds ---------------------------------------------------------

#: Each kind of money with its services: (record, approve, reject, pay, delete).
Service = Callable[..., Any]
KINDS: dict[str, tuple[Record, Service, Service, Service, Service]] = {
    "claim": (
        CLAIM,
        services.claim_approve,
        services.claim_reject,
        services.claim_pay,
        services.claim_delete,
    ),
    "invoice": (
        INVOICE,
        services.invoice_approve,
        services.invoice_reject,
        services.invoice_pay,
        services.invoice_delete,
    ),
}


def decision_views(kind: str) -> dict[str, Any]:
    """The approve, reject, pay and delete pages of one kind of money."""
    record, approve, reject, pay, delete = KINDS[kind]
    return {
        "approve": record.confirm_view(
            "approve",
            approve,
            template="rewards/money_approve.html",
            title=lambda obj: f"Approve {obj}?",
            success=f"{kind.capitalize()} approved.",
        ),
        "reject": record.form_view(
            "approve",
            reject,
            form=RejectForm,
            title=lambda obj: f"Reject {obj}",
            submit_label=f"Reject {kind}",
            name=f"{kind}_reject",
            success=f"{kind.capitalize()} rejected.",
        ),
        "pay": record.form_view(
            "pay",
            pay,
            form=PayForm,
            title=lambda obj: f"Record the payment of {obj}",
            submit_label="Record payment",
            success="Payment recorded.",
        ),
        "delete": record.delete_view(
            delete,
            template="rewards/money_delete.html",
            title=lambda obj: f"Delete {obj}?",
            success=f"{kind.capitalize()} deleted.",
        ),
    }


_claims, _invoices = decision_views("claim"), decision_views("invoice")
claim_approve, claim_reject = _claims["approve"], _claims["reject"]
claim_pay, claim_delete = _claims["pay"], _claims["delete"]
invoice_approve, invoice_reject = _invoices["approve"], _invoices["reject"]
invoice_pay, invoice_delete = _invoices["pay"], _invoices["delete"]
