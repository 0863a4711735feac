"""Recognition and expenses over the API (issue 19, M16): recognitions given to young people,
session hours and their defaults per kind, expense claims with their items and the approve,
reject and pay actions, and partner invoices. Receipts are uploaded on the web pages (their
files are checked there); the API reads whether an item has one."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api.common import (
    STAMPS,
    TEXT_MAX_LENGTH,
    ListCreateViewSet,
    OutputSerializer,
    RecordDeleteViewSet,
    model_permissions,
)
from heard.api.fields import BulkRelatedField, VisibleField, VisibleYoungPersonField
from heard.participation.models import Session
from heard.people.models import Organisation
from heard.rewards import filters, selectors, services
from heard.rewards.models import (
    ExpenseClaim,
    ExpenseItem,
    HoursDefault,
    PartnerInvoice,
    Recognition,
    SessionHours,
)
from heard.rewards.policies import SESSION_HOURS
from heard.rewards.services.claims import MAX_ITEMS


class OrganisationField(BulkRelatedField):
    """An organisation the user may give, claim or invoice for (a partner worker: their own)."""

    def get_queryset(self) -> QuerySet[Organisation]:
        request = self.context.get("request")
        return selectors.organisations_for(getattr(request, "user", None))


# Recognitions -----------------------------------------------------------------------------------


class RecognitionSerializer(OutputSerializer):
    young_person_reference = serializers.CharField(source="young_person.reference", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Recognition
        fields = [
            "id",
            "young_person",
            "young_person_reference",
            "kind",
            "title",
            "date",
            "organisation",
            "organisation_name",
            "accreditation_body",
            "accreditation_level",
            "voucher_value",
            "voucher_supplier",
            "hours",
            "details",
            *STAMPS,
        ]


class RecognitionInput(serializers.Serializer):  # type: ignore[type-arg]
    young_person = VisibleYoungPersonField(help_text="A young person you may see.")
    kind = serializers.ChoiceField(choices=Recognition.Kind.choices)
    title = serializers.CharField(max_length=200)
    date = serializers.DateField()
    organisation = OrganisationField()
    accreditation_body = serializers.CharField(max_length=200, required=False, allow_blank=True)
    accreditation_level = serializers.CharField(max_length=100, required=False, allow_blank=True)
    voucher_value = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True
    )
    voucher_supplier = serializers.CharField(max_length=200, required=False, allow_blank=True)
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True
    )
    details = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="Recognitions you may read"),
    retrieve=extend_schema(summary="One recognition"),
    create=extend_schema(summary="Give a young person a recognition"),
    partial_update=extend_schema(summary="Change a recognition"),
    destroy=extend_schema(summary="Delete a recognition"),
)
class RecognitionViewSet(RecordDeleteViewSet):
    """Certificates, accreditations, vouchers and volunteering hours given to young people.
    Read by whoever may see the young person; given by programme staff and partner workers
    (their own organisation's young people)."""

    serializer_class = RecognitionSerializer
    input_serializer = RecognitionInput
    filterset_class = filters.RecognitionFilter
    queryset = Recognition.objects.none()
    one = staticmethod(selectors.recognition_get)
    action_permissions = model_permissions(Recognition, destroy="delete")

    def get_queryset(self) -> QuerySet[Recognition]:
        return selectors.recognitions_visible_to(self.request.user)

    def record(self, values: dict[str, Any]) -> Recognition:
        return services.recognition_give(actor=self.actor, **values)

    def change(self, obj: Recognition, values: dict[str, Any]) -> Recognition:
        return services.recognition_update(actor=self.actor, recognition=obj, **values)

    def remove(self, obj: Any) -> None:
        services.recognition_delete(actor=self.actor, recognition=obj)


# Session hours and defaults ---------------------------------------------------------------------


class SessionHoursSerializer(OutputSerializer):
    class Meta:
        model = SessionHours
        fields = ["id", "session", "hours", *STAMPS]


class VisibleSessionField(VisibleField):
    selector = staticmethod(lambda user: Session.objects.visible_to(user))


class SessionHoursInput(serializers.Serializer):  # type: ignore[type-arg]
    session = VisibleSessionField(help_text="A session you may see.")
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)


@extend_schema_view(
    list=extend_schema(summary="Hours set for sessions you may read"),
    create=extend_schema(summary="Set (or change) how many hours a session counts for"),
)
class SessionHoursViewSet(ListCreateViewSet):
    """How long sessions count for in attendees' volunteering hours (a session without its own
    counts for its kind's default). Set by programme staff."""

    serializer_class = SessionHoursSerializer
    input_serializer = SessionHoursInput
    queryset = SessionHours.objects.none()
    action_permissions = model_permissions(SessionHours, ("list",), create="change")

    def get_queryset(self) -> QuerySet[SessionHours]:
        return SESSION_HOURS.scope(self.request.user, "view").select_related("session")

    def record(self, values: dict[str, Any]) -> SessionHours:
        return services.session_hours_set(actor=self.actor, **values)


class HoursDefaultSerializer(OutputSerializer):
    class Meta:
        model = HoursDefault
        fields = ["id", "session_kind", "hours", *STAMPS]


class HoursDefaultInput(serializers.Serializer):  # type: ignore[type-arg]
    session_kind = serializers.ChoiceField(choices=Session.Kind.choices)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)


@extend_schema_view(
    list=extend_schema(summary="Default hours per kind of session"),
    create=extend_schema(summary="Set (or change) the default hours of a kind of session"),
)
class HoursDefaultViewSet(ListCreateViewSet):
    """The hours a session of each kind counts for by default: set by a participation lead."""

    serializer_class = HoursDefaultSerializer
    input_serializer = HoursDefaultInput
    queryset = HoursDefault.objects.none()
    action_permissions = model_permissions(HoursDefault, ("list",), create="change")

    def get_queryset(self) -> QuerySet[HoursDefault]:
        return HoursDefault.objects.order_by("session_kind")

    def record(self, values: dict[str, Any]) -> HoursDefault:
        return services.hours_default_set(actor=self.actor, **values)


# Expense claims ---------------------------------------------------------------------------------


class ItemSerializer(OutputSerializer):
    has_receipt = serializers.SerializerMethodField()

    class Meta:
        model = ExpenseItem
        fields = ["id", "kind", "date", "description", "amount", "has_receipt"]

    def get_has_receipt(self, item: ExpenseItem) -> bool:
        return bool(item.receipt)


class ClaimSerializer(OutputSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    young_person_reference = serializers.CharField(
        source="young_person.reference", read_only=True, allow_null=True, default=None
    )
    total = serializers.DecimalField(max_digits=11, decimal_places=2, read_only=True)
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = ExpenseClaim
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "young_person",
            "young_person_reference",
            "claimant",
            "purpose",
            "status",
            "total",
            "items",
            "submitted_by",
            "decided_by",
            "decided_on",
            "rejection_reason",
            "paid_on",
            "payment_reference",
            *STAMPS,
        ]


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


def _claim_get(user: Any, pk: Any) -> ExpenseClaim:
    return selectors._get(_claims(user), pk, "claim")  # type: ignore[no-any-return]


@extend_schema_view(
    list=extend_schema(summary="Expense claims you may read"),
    retrieve=extend_schema(summary="One expense claim with its items"),
    create=extend_schema(summary="Submit an expense claim with its items"),
    partial_update=extend_schema(summary="Change a claim that waits for a decision"),
    destroy=extend_schema(summary="Delete a claim that waits for a decision"),
)
class ClaimViewSet(RecordDeleteViewSet):
    """Out-of-pocket travel, subsistence and other costs of a young person or a member of staff.
    A participation lead (or an administrator) approves or rejects a claim they did not submit
    and do not claim; programme staff record its payment."""

    serializer_class = ClaimSerializer
    input_serializer = ClaimInput
    change_serializer = ClaimChange
    filterset_class = filters.ClaimFilter
    queryset = ExpenseClaim.objects.none()
    one = staticmethod(_claim_get)
    action_permissions = model_permissions(
        ExpenseClaim, destroy="delete", approve="approve", reject="approve", pay="pay"
    )

    def get_queryset(self) -> QuerySet[ExpenseClaim]:
        return _claims(self.request.user)

    def record(self, values: dict[str, Any]) -> ExpenseClaim:
        own = values.pop("own_costs", False)
        return services.claim_submit(
            actor=self.actor, claimant=self.actor if own else None, **values
        )

    def change(self, obj: ExpenseClaim, values: dict[str, Any]) -> ExpenseClaim:
        return services.claim_update(actor=self.actor, claim=obj, **values)

    def remove(self, obj: Any) -> None:
        services.claim_delete(actor=self.actor, claim=obj)

    @extend_schema(request=None, responses=ClaimSerializer, summary="Approve a claim")
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self.shown(services.claim_approve(actor=self.actor, claim=self.to_change()))

    @extend_schema(request=RejectInput, responses=ClaimSerializer, summary="Reject a claim")
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        claim = self.to_change()
        values = self.validated(RejectInput)
        return self.shown(services.claim_reject(actor=self.actor, claim=claim, **values))

    @extend_schema(request=PayInput, responses=ClaimSerializer, summary="Record its payment")
    @action(detail=True, methods=["post"])
    def pay(self, request: Request, pk: str | None = None) -> Response:
        claim = self.to_change()
        values = self.validated(PayInput)
        return self.shown(services.claim_pay(actor=self.actor, claim=claim, **values))


# Partner invoices -------------------------------------------------------------------------------


class InvoiceSerializer(OutputSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = PartnerInvoice
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "reference",
            "period_start",
            "period_end",
            "description",
            "amount",
            "status",
            "recorded_by",
            "decided_by",
            "decided_on",
            "rejection_reason",
            "paid_on",
            "payment_reference",
            *STAMPS,
        ]


class InvoiceInput(serializers.Serializer):  # type: ignore[type-arg]
    organisation = OrganisationField()
    reference = serializers.CharField(max_length=100)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    description = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    amount = serializers.DecimalField(max_digits=9, decimal_places=2)


@extend_schema_view(
    list=extend_schema(summary="Partner invoices you may read"),
    retrieve=extend_schema(summary="One partner invoice"),
    create=extend_schema(summary="Record an invoice from a partner"),
    partial_update=extend_schema(summary="Change an invoice that waits for a decision"),
    destroy=extend_schema(summary="Delete an invoice that waits for a decision"),
)
class InvoiceViewSet(RecordDeleteViewSet):
    """Invoices from partner organisations for agreed costs. Approved by a participation lead
    (or an administrator) who did not record them; paid as programme staff record."""

    serializer_class = InvoiceSerializer
    input_serializer = InvoiceInput
    filterset_class = filters.InvoiceFilter
    queryset = PartnerInvoice.objects.none()
    one = staticmethod(selectors.invoice_get)
    action_permissions = model_permissions(
        PartnerInvoice, destroy="delete", approve="approve", reject="approve", pay="pay"
    )

    def get_queryset(self) -> QuerySet[PartnerInvoice]:
        return selectors.invoices_visible_to(self.request.user)

    def record(self, values: dict[str, Any]) -> PartnerInvoice:
        return services.invoice_record(actor=self.actor, **values)

    def change(self, obj: PartnerInvoice, values: dict[str, Any]) -> PartnerInvoice:
        return services.invoice_update(actor=self.actor, invoice=obj, **values)

    def remove(self, obj: Any) -> None:
        services.invoice_delete(actor=self.actor, invoice=obj)

    @extend_schema(request=None, responses=InvoiceSerializer, summary="Approve an invoice")
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self.shown(services.invoice_approve(actor=self.actor, invoice=self.to_change()))

    @extend_schema(request=RejectInput, responses=InvoiceSerializer, summary="Reject an invoice")
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        invoice = self.to_change()
        values = self.validated(RejectInput)
        return self.shown(services.invoice_reject(actor=self.actor, invoice=invoice, **values))

    @extend_schema(request=PayInput, responses=InvoiceSerializer, summary="Record its payment")
    @action(detail=True, methods=["post"])
    def pay(self, request: Request, pk: str | None = None) -> Response:
        invoice = self.to_change()
        values = self.validated(PayInput)
        return self.shown(services.invoice_pay(actor=self.actor, invoice=invoice, **values))
