"""A claim's own pages: its items and their receipts, and the finance system's export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from heard.core import tables
from heard.core.columns import DATE, KIND
from heard.core.confirm import confirm_page
from heard.core.exports import EXPORT_FORMATS, export_response
from heard.core.permissions import require
from heard.core.record_views import download_view
from heard.rewards import selectors, services
from heard.rewards.forms import ItemForm
from heard.rewards.views.money import CLAIM, claim_url, whose

FINANCE_COLUMNS = (
    tables.Column(gettext_lazy("Claim"), "claim_id"),
    tables.Column(gettext_lazy("Status"), "claim.get_status_display"),
    tables.Column(gettext_lazy("Organisation"), "claim.organisation.name"),
    tables.Column(gettext_lazy("Payee"), lambda item: whose(item.claim)),
    tables.Column(gettext_lazy("Purpose"), "claim.purpose"),
    tables.Column(gettext_lazy("Approved on"), "claim.decided_on"),
    tables.Column(gettext_lazy("Item"), "pk"),
    KIND,
    DATE,
    tables.Column(gettext_lazy("Description"), "description"),
    tables.Column(gettext_lazy("Amount (£)"), "amount"),
    tables.Column(gettext_lazy("Receipt"), lambda item: "Yes" if item.receipt else "No"),
    tables.Column(gettext_lazy("Paid on"), "claim.paid_on"),
    tables.Column(gettext_lazy("Payment reference"), "claim.payment_reference"),
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


claim_add_item = CLAIM.form_view(
    "change",
    services.item_add,
    form=ItemForm,
    files=True,
    title=lambda claim: f"Add an item to {claim.purpose}",
    submit_label="Add item",
    success="Item added.",
    values=lambda form: form.item_values(),
    name="claim_add_item",
)


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = selectors.item_get(user, pk)
    require(user, "rewards.change_expenseclaim", item.claim)
    return confirm_page(
        request,
        lambda: services.item_delete(actor=user, item=item),
        success="Item deleted.",
        then=lambda: claim_url(item.claim),
        template="rewards/item_delete.html",
        context=lambda: {
            "item": item,
            "title": _("Delete the item “%(description)s”?") % {"description": item.description},
            "cancel_url": claim_url(item.claim),
        },
    )


#: The only way to a receipt: checked like its claim, sent as a download.
item_receipt = download_view(
    selectors.item_get,
    name="item_receipt",
    file="receipt",
    content_type="receipt_content_type",
    stem="receipt",
    missing="This item has no receipt.",
)
