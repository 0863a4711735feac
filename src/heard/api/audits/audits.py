"""Audits over the API: audits against the standards with their levels and kite mark decisions,
and the kite mark register (M11). Programme staff keep audits; board members and the audited
organisation's partner worker read them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers

from heard.api import common
from heard.api.fields import (
    ActiveStaffField,
    BulkRelatedField,
    VisibleYoungPersonField,
    YoungPeopleIdsField,
    blank_or,
    optional_text,
)
from heard.audits import filters, selectors, services
from heard.audits.models import Audit, AuditLevel, Level
from heard.core.standards import Standard
from heard.people.models import Organisation


class AuditLevelSerializer(common.OutputSerializer):
    class Meta:
        model = AuditLevel
        fields = ["standard", "level", "evidence"]


class AuditSerializer(common.OutputSerializer):
    decision = blank_or(Audit.Decision.choices, help_text="Empty until the kite mark is decided.")
    kite_mark_state = serializers.SerializerMethodField(
        help_text="current, due (expiring within 90 days), expired, or empty without a kite mark."
    )

    class Meta:
        model = Audit
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "service",
            "date",
            "decision",
            "expires_on",
            "kite_mark_state",
            "needed",
            "notes",
            *common.STAMPS,
        ]

    @extend_schema_field(serializers.CharField())
    def get_kite_mark_state(self, audit: Audit) -> str:
        return audit.kite_mark_state(timezone.localdate())


class AuditDetailSerializer(AuditSerializer):
    levels = AuditLevelSerializer(many=True, read_only=True)
    auditors: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    young_auditors = YoungPeopleIdsField(
        "audits.view_young_people_audit",
        help_text="Ids of the young auditors; null for roles that do not see young people.",
    )
    young_auditor_count = serializers.SerializerMethodField()

    class Meta(AuditSerializer.Meta):
        fields = [
            *AuditSerializer.Meta.fields,
            "levels",
            "auditors",
            "young_auditors",
            "young_auditor_count",
        ]

    @extend_schema_field(serializers.IntegerField())
    def get_young_auditor_count(self, audit: Audit) -> int:
        return len(audit.young_auditors.all())


class AuditLevelInput(serializers.Serializer):  # type: ignore[type-arg]
    standard = serializers.ChoiceField(choices=Standard.choices)
    level = serializers.ChoiceField(choices=Level.choices)
    evidence = optional_text()


class YoungPersonField(VisibleYoungPersonField):
    none_without_request = True


class AuditInput(serializers.Serializer):  # type: ignore[type-arg]
    organisation = BulkRelatedField(queryset=Organisation.objects.all())
    service = serializers.CharField(max_length=200, required=False, allow_blank=True)
    date = serializers.DateField()
    auditors = ActiveStaffField(many=True, required=False)
    young_auditors = YoungPersonField(many=True, required=False)
    levels = AuditLevelInput(many=True, required=False)
    decision = serializers.ChoiceField(
        choices=Audit.Decision.choices, required=False, allow_blank=True
    )
    expires_on = serializers.DateField(required=False, allow_null=True)
    needed = optional_text()
    notes = optional_text()

    def validate_levels(self, value: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
        standards = [row["standard"] for row in value]
        if len(set(standards)) != len(standards):
            raise serializers.ValidationError("Give each standard at most once.")
        return {row["standard"]: (row["level"], row.get("evidence", "")) for row in value}


class AuditViewSet(common.RecordDeleteViewSet):
    """Audits of organisations or their services against the seven standards. A partner worker
    sees their own organisation's audits; board members read every audit."""

    serializer_class = AuditSerializer
    output_serializer = AuditDetailSerializer
    input_serializer = AuditInput
    filterset_class = filters.AuditFilter
    operations = common.Operations(selectors, services, "audit", add="record")

    def get_queryset(self) -> Any:
        rows = super().get_queryset().order_by("-date", "-pk")
        if self.action == "retrieve":
            rows = rows.prefetch_related("levels", "auditors", "young_auditors")
        return rows


@extend_schema(summary="The kite mark register")
class KiteMarkViewSet(mixins.ListModelMixin, common.ServiceViewSet):
    """Each holder's latest kite mark awarded, soonest expiry first; filter ``state=due`` for
    renewals due (expiring within 90 days, or expired)."""

    serializer_class = AuditSerializer
    filterset_class = filters.KiteMarkFilter
    visible = staticmethod(selectors.kite_marks)
