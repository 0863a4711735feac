"""Pages for expense claims and partner invoices: lists, the claim's items and receipts, and
the decisions (approve, reject, pay), each confirmed on its own page."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heard.core import tables
from heard.core.exports import EXPORT_FORMATS, export_response
from heard.core.forms import changed_values, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.rewards import selectors, services
from heard.rewards.filters import ClaimFilter, InvoiceFilter
from heard.rewards.forms import (
    ClaimForm,
    InvoiceForm,
    ItemForm,
    NewClaimForm,
    PayForm,
    RejectForm,
    claim_initial,
    invoice_initial,
)
from heard.rewards.models import Approval, ExpenseClaim, PartnerInvoice

STATUS = tables.Column(
    "Status",
    "get_status_display",
    cell='<strong class="govuk-tag {% if row.status == "paid" %}govuk-tag--green'
    '{% elif row.status == "approved" %}govuk-tag--blue{% elif row.status == "rejected" %}'
    'govuk-tag--red{% else %}govuk-tag--yellow{% endif %}">{{ row.get_status_display }}</strong>',
)


def claim_url(claim: ExpenseClaim) -> str:
    return reverse("rewards:claim-detail", args=[claim.pk])


def invoice_url(invoice: PartnerInvoice) -> str:
    return reverse("rewards:invoice-detail", args=[invoice.pk])


def whose(claim: ExpenseClaim) -> str:
    if claim.claimant_id:
        return f"{claim.claimant.full_name} (staff)"  # type: ignore[union-attr]
    return claim.young_person.reference if claim.young_person else ""


class ClaimListView(StaffListView):
    template_name = "rewards/claim_list.html"
    filterset_class = ClaimFilter
    permission_required = "rewards.view_expenseclaim"
    title = "Expense claims"
    csv_filename = "expense-claims.csv"
    selector = staticmethod(selectors.claims_visible_to)
    context_permissions = {"can_add": "rewards.add_expenseclaim"}
    columns = (
        tables.Column(
            "Claim",
            "purpose",
            cell='<a class="govuk-link" href="{% url "rewards:claim-detail" row.pk %}">'
            "{{ row.purpose }}</a>",
        ),
        tables.Column("Whose costs", whose),
        tables.Column("Organisation", "organisation.name"),
        tables.Column("Submitted", lambda row: row.created_at.date()),
        tables.Column("Items", "item_count", numeric=True),
        tables.Column("Total (£)", "total", numeric=True),
        STATUS,
        tables.Column("Paid on", "paid_on", in_table=False),
        tables.Column("Payment reference", "payment_reference", in_table=False),
    )


FINANCE_COLUMNS = (
    tables.Column("Claim", "claim_id"),
    tables.Column("Status", "claim.get_status_display"),
    tables.Column("Organisation", "claim.organisation.name"),
    tables.Column("Payee", lambda item: whose(item.claim)),
    tables.Column("Purpose", "claim.purpose"),
    tables.Column("Approved on", "claim.decided_on"),
    tables.Column("Item", "pk"),
    tables.Column("Kind", "get_kind_display"),
    tables.Column("Date", "date"),
    tables.Column("Description", "description"),
    tables.Column("Amount (£)", "amount"),
    tables.Column("Receipt", lambda item: "Yes" if item.receipt else "No"),
    tables.Column("Paid on", "claim.paid_on"),
    tables.Column("Payment reference", "claim.payment_reference"),
)


@login_required
def claim_finance(request: HttpRequest) -> HttpResponseBase:
    """The approved and paid claims' items for the finance system (CSV or XLSX)."""
    require(request.user, "rewards.view_expenseclaim")
    export_format = request.GET.get("format", "csv")
    if export_format not in EXPORT_FORMATS:
        raise Http404("No such format.")
    rows = selectors.finance_items(request.user)
    return export_response(
        export_format, rows, tables.csv_columns(FINANCE_COLUMNS), "expenses-for-finance.csv"
    )


def _decisions(user: Any, obj: Any, model: str) -> dict[str, bool]:
    waiting = obj.status == Approval.SUBMITTED
    return {
        "can_change": waiting and can(user, f"rewards.change_{model}", obj),
        "can_delete": waiting and can(user, f"rewards.delete_{model}", obj),
        "can_approve": waiting and can(user, f"rewards.approve_{model}", obj),
        "can_pay": obj.status == Approval.APPROVED and can(user, f"rewards.pay_{model}", obj),
        "can_view_history": can(user, "core.view_history"),
    }


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    claim = selectors.claim_get(user, pk)
    context = {
        "claim": claim,
        "title": claim.purpose,
        "whose": whose(claim),
        "items": selectors.claim_items(claim),
        **_decisions(user, claim, "expenseclaim"),
    }
    context["can_delete_items"] = context["can_change"] and claim.item_count > 1  # type: ignore[attr-defined]
    return render(request, "rewards/claim_detail.html", context)


@login_required
def claim_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "rewards.add_expenseclaim")
    form = NewClaimForm(request.POST or None, request.FILES or None, user=user)
    return form_page(
        request,
        form,
        lambda: services.claim_submit(
            actor=user, items=[form.item_values()], **form.claim_values()
        ),
        success="Claim submitted. Add any other items on its page.",
        then=claim_url,
        title="Submit an expense claim",
        submit_label="Submit claim",
        cancel_url=reverse("rewards:claim-list"),
    )


@login_required
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    claim = selectors.claim_get(user, pk)
    require(user, "rewards.change_expenseclaim", claim)
    form = ClaimForm(request.POST or None, user=user, initial=claim_initial(claim))

    def save() -> ExpenseClaim:
        values = form.claim_values()
        changed = {name: values[name] for name in values if name in changed_values(form)}
        if "whose" in form.changed_data or "young_person" in form.changed_data:
            changed.update(young_person=values["young_person"], claimant=values["claimant"])
        return services.claim_update(actor=user, claim=claim, **changed)

    return form_page(
        request,
        form,
        save,
        success="Claim updated.",
        then=claim_url(claim),
        title=f"Edit {claim.purpose}",
        submit_label="Save changes",
        cancel_url=claim_url(claim),
    )


@login_required
def claim_add_item(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    claim = selectors.claim_get(user, pk)
    require(user, "rewards.change_expenseclaim", claim)
    form = ItemForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        lambda: services.item_add(actor=user, claim=claim, **form.item_values()),
        success="Item added.",
        then=claim_url(claim),
        title=f"Add an item to {claim.purpose}",
        submit_label="Add item",
        cancel_url=claim_url(claim),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = selectors.item_get(user, pk)
    require(user, "rewards.change_expenseclaim", item.claim)
    error = ""
    if request.method == "POST":
        try:
            services.item_delete(actor=user, item=item)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "Item deleted.")
            return redirect(claim_url(item.claim))
    context = {"item": item, "title": f"Delete the item “{item.description}”?", "error": error}
    return render(request, "rewards/item_delete.html", context, status=400 if error else 200)


@login_required
def item_receipt(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The only way to a receipt: checked like its claim, sent as a download."""
    item = selectors.item_get(request.user, pk)
    if not item.receipt:
        raise Http404("This item has no receipt.")
    response = FileResponse(
        item.receipt.open("rb"),
        as_attachment=True,
        filename=f"receipt-{item.pk}{PurePath(item.receipt.name or '').suffix}",
        content_type=item.receipt_content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _delete(
    request: HttpRequest, obj: Any, *, model: str, noun: str, delete: Any, back: str, done: str
) -> HttpResponse:
    require(request.user, f"rewards.delete_{model}", obj)
    error = ""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{noun.capitalize()} deleted.")
            return redirect(done)
    context = {"obj": obj, "noun": noun, "back": back, "error": error, "title": f"Delete {obj}?"}
    return render(request, "rewards/money_delete.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def claim_delete(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_get(request.user, pk)
    return _delete(
        request,
        claim,
        model="expenseclaim",
        noun="claim",
        delete=lambda: services.claim_delete(actor=request.user, claim=claim),
        back=claim_url(claim),
        done=reverse("rewards:claim-list"),
    )


def _approve(
    request: HttpRequest, obj: Any, *, model: str, noun: str, approve: Any
) -> HttpResponse:
    if not can(request.user, f"rewards.approve_{model}", obj):
        raise PermissionDenied
    back = reverse(
        f"rewards:{'claim' if model == 'expenseclaim' else 'invoice'}-detail", args=[obj.pk]
    )
    error = ""
    if request.method == "POST":
        try:
            approve()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{noun.capitalize()} approved.")
            return redirect(back)
    context = {"obj": obj, "noun": noun, "back": back, "error": error, "title": f"Approve {obj}?"}
    return render(request, "rewards/money_approve.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def claim_approve(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_get(request.user, pk)
    return _approve(
        request,
        claim,
        model="expenseclaim",
        noun="claim",
        approve=lambda: services.claim_approve(actor=request.user, claim=claim),
    )


@login_required
def claim_reject(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    claim = selectors.claim_get(user, pk)
    require(user, "rewards.approve_expenseclaim", claim)
    form = RejectForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        lambda: services.claim_reject(actor=user, claim=claim, **form.cleaned_data),
        success="Claim rejected.",
        then=claim_url(claim),
        title=f"Reject {claim}",
        submit_label="Reject claim",
        cancel_url=claim_url(claim),
    )


@login_required
def claim_pay(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    claim = selectors.claim_get(user, pk)
    require(user, "rewards.pay_expenseclaim", claim)
    form = PayForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        lambda: services.claim_pay(actor=user, claim=claim, **form.cleaned_data),
        success="Payment recorded.",
        then=claim_url(claim),
        title=f"Record the payment of {claim}",
        submit_label="Record payment",
        cancel_url=claim_url(claim),
    )


# Partner invoices -------------------------------------------------------------------------------


class InvoiceListView(StaffListView):
    template_name = "rewards/invoice_list.html"
    filterset_class = InvoiceFilter
    permission_required = "rewards.view_partnerinvoice"
    title = "Partner invoices"
    csv_filename = "partner-invoices.csv"
    selector = staticmethod(selectors.invoices_visible_to)
    context_permissions = {"can_add": "rewards.add_partnerinvoice"}
    columns = (
        tables.Column(
            "Reference",
            "reference",
            cell='<a class="govuk-link" href="{% url "rewards:invoice-detail" row.pk %}">'
            "{{ row.reference }}</a>",
        ),
        tables.Column("Organisation", "organisation.name"),
        tables.Column("Period from", "period_start"),
        tables.Column("Period to", "period_end"),
        tables.Column("Amount (£)", "amount", numeric=True),
        STATUS,
        tables.Column("Description", "description", in_table=False),
        tables.Column("Paid on", "paid_on", in_table=False),
        tables.Column("Payment reference", "payment_reference", in_table=False),
    )


@login_required
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    invoice = selectors.invoice_get(user, pk)
    context = {
        "invoice": invoice,
        "title": f"Invoice {invoice.reference}",
        **_decisions(user, invoice, "partnerinvoice"),
    }
    return render(request, "rewards/invoice_detail.html", context)


@login_required
def invoice_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "rewards.add_partnerinvoice")
    form = InvoiceForm(request.POST or None, user=user)
    return form_page(
        request,
        form,
        lambda: services.invoice_record(actor=user, **form.cleaned_data),
        success=lambda added: f"Invoice {added.reference} recorded.",
        then=invoice_url,
        title="Record a partner invoice",
        submit_label="Record invoice",
        cancel_url=reverse("rewards:invoice-list"),
    )


@login_required
def invoice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    invoice = selectors.invoice_get(user, pk)
    require(user, "rewards.change_partnerinvoice", invoice)
    form = InvoiceForm(request.POST or None, user=user, initial=invoice_initial(invoice))
    return form_page(
        request,
        form,
        lambda: services.invoice_update(actor=user, invoice=invoice, **changed_values(form)),
        success="Invoice updated.",
        then=invoice_url(invoice),
        title=f"Edit invoice {invoice.reference}",
        submit_label="Save changes",
        cancel_url=invoice_url(invoice),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_delete(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_get(request.user, pk)
    return _delete(
        request,
        invoice,
        model="partnerinvoice",
        noun="invoice",
        delete=lambda: services.invoice_delete(actor=request.user, invoice=invoice),
        back=invoice_url(invoice),
        done=reverse("rewards:invoice-list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_approve(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_get(request.user, pk)
    return _approve(
        request,
        invoice,
        model="partnerinvoice",
        noun="invoice",
        approve=lambda: services.invoice_approve(actor=request.user, invoice=invoice),
    )


@login_required
def invoice_reject(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    invoice = selectors.invoice_get(user, pk)
    require(user, "rewards.approve_partnerinvoice", invoice)
    form = RejectForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        lambda: services.invoice_reject(actor=user, invoice=invoice, **form.cleaned_data),
        success="Invoice rejected.",
        then=invoice_url(invoice),
        title=f"Reject {invoice}",
        submit_label="Reject invoice",
        cancel_url=invoice_url(invoice),
    )


@login_required
def invoice_pay(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    invoice = selectors.invoice_get(user, pk)
    require(user, "rewards.pay_partnerinvoice", invoice)
    form = PayForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        lambda: services.invoice_pay(actor=user, invoice=invoice, **form.cleaned_data),
        success="Payment recorded.",
        then=invoice_url(invoice),
        title=f"Record the payment of {invoice}",
        submit_label="Record payment",
        cancel_url=invoice_url(invoice),
    )
