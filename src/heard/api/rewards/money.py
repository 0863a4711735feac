"""Expense claims with their items, partner invoices, and the approve, reject and pay actions
both take, over the API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from heard.api import common
from heard.api.actions import RecordAction
from heard.api.fields import VisibleYoungPersonField
from heard.api.rewards.recognitions import OrganisationField
from heard.rewards import filters, selectors, services
from heard.rewards.models import ExpenseClaim, ExpenseItem, PartnerInvoice
from heard.rewards.services.claims import CLAIM_FIELDS, MAX_ITEMS
from heard.rewards.services.invoices import INVOICE_FIELDS

#: Who decided a claim or an invoice and when, why a rejected one was, and its payment.
DECIDED_AND_PAID = ("decided_by", "decided_on", "rejection_reason", "paid_on", "payment_reference")

# Expense claims ---------------------------------------------------------------------------------


class ItemSerializer(common.OutputSerializer):
    has_receipt = serializers.SerializerMethodField()

    class Meta:
        model = ExpenseItem
        fields = ["id", "kind", "date", "description", "amount", "has_receipt"]

    def get_has_receipt(self, item: ExpenseItem) -> bool:
        return bool(item.receipt)


class ClaimSerializer(common.OutputSerializer):
    total = serializers.DecimalField(max_digits=11, decimal_places=2, read_only=True)
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = ExpenseClaim
        fields = common.output_fields(
            CLAIM_FIELDS, "total", "items", "submitted_by", *DECIDED_AND_PAID
        )


class ItemInput(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=ExpenseItem.Kind.choices)
    date = serializers.DateField()
    description = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=9, decimal_places=2)


class ClaimInput(serializers.Serializer):  # type: ignore[type-arg]
    organisation = OrganisationField()
    young_person = VisibleYoungPersonField(
        required=False, allow_null=True, help_text="Whose costs, for a young person's claim."
    )
    own_costs = serializers.BooleanField(
        required=False, default=False, help_text="True for your own costs (no young person)."
    )
    purpose = serializers.CharField(max_length=200)
    items = ItemInput(many=True, max_length=MAX_ITEMS)  # type: ignore[call-arg]


class ClaimChange(serializers.Serializer):  # type: ignore[type-arg]
    organisation = OrganisationField(required=False)
    purpose = serializers.CharField(max_length=200, required=False)


class RejectInput(serializers.Serializer):  # type: ignore[type-arg]
    rejection_reason = serializers.CharField(max_length=2000)


class PayInput(serializers.Serializer):  # type: ignore[type-arg]
    paid_on = serializers.DateField()
    payment_reference = serializers.CharField(max_length=100)


def _claims(user: Any) -> QuerySet[ExpenseClaim]:
    return selectors.claims_visible_to(user).prefetch_related("items")


class ClaimViewSet(common.RecordDeleteViewSet):
    """Out-of-pocket travel, subsistence and other costs of a young person or a member of staff.
    A participation lead (or an administrator) approves or rejects a claim they did not submit
    and do not claim; programme staff record its payment."""

    summaries = {
        "list": "Expense claims you may read",
        "retrieve": "One expense claim with its items",
        "create": "Submit an expense claim with its items",
        "partial_update": "Change a claim that waits for a decision",
        "destroy": "Delete a claim that waits for a decision",
    }

    serializer_class = ClaimSerializer
    input_serializer = ClaimInput
    change_serializer = ClaimChange
    filterset_class = filters.ClaimFilter
    visible = staticmethod(_claims)
    noun = "claim"
    more_permissions = {"approve": "approve", "reject": "approve", "pay": "pay"}
    changes = staticmethod(services.claim_update)
    removes = staticmethod(services.claim_delete)

    def record(self, values: dict[str, Any]) -> ExpenseClaim:
        own = values.pop("own_costs", False)
        return services.claim_submit(
            actor=self.actor, claimant=self.actor if own else None, **values
        )

    approve = RecordAction(services.claim_approve, summary="Approve a claim")
    reject = RecordAction(services.claim_reject, RejectInput, summary="Reject a claim")
    pay = RecordAction(services.claim_pay, PayInput, summary="Record its payment")


# Partner invoices -------------------------------------------------------------------------------


class InvoiceSerializer(common.OutputSerializer):
    class Meta:
        model = PartnerInvoice
        fields = common.output_fields(INVOICE_FIELDS, "recorded_by", *DECIDED_AND_PAID)


class InvoiceInput(serializers.Serializer):  # type: ignore[type-arg]
    organisation = OrganisationField()
    reference = serializers.CharField(max_length=100)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    description = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)
    amount = serializers.DecimalField(max_digits=9, decimal_places=2)


class InvoiceViewSet(common.RecordDeleteViewSet):
    """Invoices from partner organisations for agreed costs. Approved by a participation lead
    (or an administrator) who did not record them; paid as programme staff record."""

    called = "a partner invoice"
    summaries = {
        "list": "Partner invoices you may read",
        "create": "Record an invoice from a partner",
        "partial_update": "Change an invoice that waits for a decision",
        "destroy": "Delete an invoice that waits for a decision",
    }

    serializer_class = InvoiceSerializer
    input_serializer = InvoiceInput
    filterset_class = filters.InvoiceFilter
    more_permissions = {"approve": "approve", "reject": "approve", "pay": "pay"}

    operations = common.Operations(selectors, services, "invoice", add="record")

    approve = RecordAction(services.invoice_approve, summary="Approve an invoice")
    reject = RecordAction(
        services.invoice_reject,
        RejectInput,
        summary="Reject an invoice",
    )
    pay = RecordAction(services.invoice_pay, PayInput, summary="Record its payment")
