"""Safeguarding over the API: concerns (safeguarding leads only; every read audited), staff
background checks and training records (programme staff keep them, safeguarding leads read them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common
from heard.api.fields import BulkRelatedField, blank_or
from heard.api.openapi import ERROR
from heard.core.models import AuditEntry
from heard.people import selectors as people_selectors
from heard.people.models import User, YoungPerson
from heard.safeguarding import filters, selectors, services
from heard.safeguarding.kept import CHECKS, TRAINING, Kept
from heard.safeguarding.models import BackgroundCheck, Concern, TrainingRecord

# Concerns ----------------------------------------------------------------------------------------


#: Whom a concern is about, where and by whom it was raised, besides what they wrote.
RAISING = ("young_person_reference", "session", "raised_by", "source", "urgent", "created_at")


class ConcernOutput(common.OutputSerializer):
    reference = serializers.CharField(read_only=True)
    decision = blank_or(Concern.Decision.choices)
    how_to_contact = blank_or(
        Concern.Contact.choices,
        help_text="How a young person who asked for help in the portal would like to be "
        "contacted; empty if they did not say, or if staff raised the concern.",
    )
    urgent = serializers.BooleanField(
        source="is_urgent",
        read_only=True,
        help_text="A young person asked for help in the portal and nobody has decided on it yet.",
    )
    session = serializers.IntegerField(
        source="session_link.session_id",
        read_only=True,
        allow_null=True,
        help_text="The session it was raised from, if any.",
    )

    class Meta:
        model = Concern
        fields = ["id", "reference", *Concern.RAISED_FIELDS, *RAISING, *Concern.HANDLING_FIELDS]


class ConcernInput(serializers.Serializer):  # type: ignore[type-arg]
    young_person = BulkRelatedField(
        queryset=YoungPerson.objects.none(), required=False, allow_null=True
    )
    what_happened = serializers.CharField(max_length=10000)
    happened_at = serializers.DateTimeField()
    who_was_present = serializers.CharField(max_length=2000)
    immediate_action = serializers.CharField(max_length=5000)
    child_told = serializers.CharField(max_length=5000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["young_person"].queryset = people_selectors.young_people_visible_to(  # type: ignore[attr-defined]
                request.user
            )


class ConcernRaised(serializers.Serializer):  # type: ignore[type-arg]
    """What someone who raised a concern gets back: its reference and what happens next, never
    what they wrote (only safeguarding leads may read a concern once it is saved)."""

    reference = serializers.CharField(
        read_only=True, help_text="The concern's reference, like SC-7K3MQ2XP."
    )
    message = serializers.CharField(read_only=True, help_text="What happens next.")


RAISED_MESSAGE = (
    "Concern recorded. The safeguarding leads can see it now and one of them will look at it, "
    "normally within 24 hours. To keep it private you cannot open it again: if you remember "
    "something else, raise another concern and mention this reference."
)


class ConcernTrailChange(serializers.Serializer):  # type: ignore[type-arg]
    field = serializers.CharField(read_only=True)
    field_label = serializers.CharField(source="label", read_only=True)
    old = serializers.CharField(read_only=True, allow_null=True)
    new = serializers.CharField(read_only=True, allow_null=True)
    recorded = serializers.BooleanField(
        read_only=True,
        help_text="False when only the field's name was kept: old and new are then null.",
    )


class ConcernTrailEntry(serializers.Serializer):  # type: ignore[type-arg]
    """One entry of a concern's audit trail: a read, the raising or a change."""

    at = serializers.DateTimeField(read_only=True)
    actor = serializers.IntegerField(source="actor_id", read_only=True, allow_null=True)
    actor_name = serializers.CharField(read_only=True)
    action = serializers.ChoiceField(choices=AuditEntry.Action.choices, read_only=True)
    description = serializers.CharField(read_only=True)
    via = serializers.CharField(read_only=True, help_text="How a read was made; empty otherwise.")
    changes = ConcernTrailChange(many=True, read_only=True)


class ConcernAssignInput(serializers.Serializer):  # type: ignore[type-arg]
    assigned_to = BulkRelatedField(queryset=selectors.safeguarding_leads())


class ConcernDecisionInput(serializers.Serializer):  # type: ignore[type-arg]
    decision = serializers.ChoiceField(choices=Concern.Decision.choices)
    decision_notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    referral_date = serializers.DateField(required=False, allow_null=True)
    referral_reference = serializers.CharField(max_length=100, required=False, allow_blank=True)


@extend_schema_view(
    create=extend_schema(
        request=ConcernInput,
        responses={201: ConcernRaised},
        summary="Raise a concern (any member of staff)",
        description=(
            "Any member of staff may raise a concern. The answer gives its reference and what "
            "happens next, never what was written: only safeguarding leads may read it back."
        ),
    ),
)
class ConcernViewSet(common.ReadCreateViewSet):
    """Safeguarding concerns: any member of staff may raise one (``create``); only safeguarding
    leads may use the rest, everyone else gets 403. Every concern returned, in a list or on its
    own, is recorded in the audit log."""

    summaries = {
        "list": "Safeguarding concerns (safeguarding leads only; audited)",
        "retrieve": "One safeguarding concern (audited)",
    }

    serializer_class = ConcernOutput
    input_serializer = ConcernInput
    filterset_class = filters.ConcernFilter
    more_permissions = {"trail": "view", "assign": "change", "decide": "change", "close": "change"}

    visible = staticmethod(selectors.concerns_urgent_first)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        concerns = list(page or [])
        services.concerns_list_read(actor=self.actor, concerns=concerns, via="api")
        return self.get_paginated_response(ConcernOutput(concerns, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        concern = services.concern_read(actor=self.actor, pk=kwargs["pk"], via="api")
        return Response(ConcernOutput(concern).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        concern = services.concern_raise(actor=self.actor, **self.validated())
        raised = ConcernRaised({"reference": concern.reference, "message": RAISED_MESSAGE})
        return Response(raised.data, status=status.HTTP_201_CREATED)

    def _handle(
        self,
        pk: str | None,
        service: Callable[..., Concern],
        given: type[serializers.Serializer] | None = None,  # type: ignore[type-arg]
    ) -> Response:
        """A step of the leads' handling: ``service`` changes the concern by the checked input
        (``given``; none for a step that takes none); the answer is the concern as it is now."""
        concern = selectors.concern_get(self.request.user, pk)
        values = self.validated(given) if given is not None else {}
        return self.shown(service(actor=self.actor, concern=concern, **values))

    @extend_schema(
        request=None,
        responses=ConcernTrailEntry(many=True),
        summary="A concern's audit trail (safeguarding leads only; audited)",
        description=(
            "Who read the concern and when, its raising, and every change with each field's "
            "value before and after, newest first. Reading the trail is itself recorded."
        ),
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def trail(self, request: Request, pk: str | None = None) -> Response:
        concern = services.concern_read(actor=self.actor, pk=pk, via="api-trail")
        page = self.paginate_queryset(selectors.concern_trail(request.user, concern))
        rows = selectors.concern_trail_rows(page or [])
        return self.get_paginated_response(ConcernTrailEntry(rows, many=True).data)

    @extend_schema(request=ConcernAssignInput, responses=ConcernOutput, summary="Assign")
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        return self._handle(pk, services.concern_assign, ConcernAssignInput)

    @extend_schema(request=ConcernDecisionInput, responses=ConcernOutput, summary="Decide")
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        return self._handle(pk, services.concern_decide, ConcernDecisionInput)

    @extend_schema(
        request=None,
        responses={
            200: ConcernOutput,
            400: OpenApiResponse(
                {"$ref": f"#/components/schemas/{ERROR}"},
                description="The concern is already closed, or has no decision yet: each "
                "field that stops it, with its messages.",
            ),
        },
        summary="Close",
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        return self._handle(pk, services.concern_close)


# Background checks and training ------------------------------------------------------------------


class StaffField(BulkRelatedField):
    def get_queryset(self) -> QuerySet[User]:
        return selectors.staff_choices()


# A record about one active member of staff, input and output alike.
class _StaffRecordSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    staff = StaffField()
    staff_name = serializers.CharField(source="staff.full_name", read_only=True)


class BackgroundCheckSerializer(_StaffRecordSerializer):
    class Meta:
        model = BackgroundCheck
        fields = ["id", "staff_name", *CHECKS.fields]


class TrainingRecordSerializer(_StaffRecordSerializer):
    class Meta:
        model = TrainingRecord
        fields = ["id", "staff_name", *TRAINING.fields]


class _KeptByProgrammeStaff(common.RecordViewSet):
    """A kind of staff record (``heard.safeguarding.kept``): list, read, record, change."""

    kept: Kept

    def get_queryset(self) -> QuerySet[Any]:
        return self.kept.visible_to(self.request.user)

    def record(self, values: dict[str, Any]) -> Any:
        return self.kept.record(actor=self.actor, **values)

    def change(self, obj: Any, values: dict[str, Any]) -> Any:
        return self.kept.update(self.actor, obj, **values)


class BackgroundCheckViewSet(_KeptByProgrammeStaff):
    """Staff enhanced DBS checks. A check is current from its issue date to its renewal date."""

    kept = CHECKS
    serializer_class = BackgroundCheckSerializer
    filterset_class = filters.BackgroundCheckFilter


class TrainingRecordViewSet(_KeptByProgrammeStaff):
    """Training staff completed, such as child protection training for champions."""

    kept = TRAINING
    serializer_class = TrainingRecordSerializer
    filterset_class = filters.TrainingRecordFilter
