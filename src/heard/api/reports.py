"""Issued reports over the API (M22): list and read them with the figures the reader may see
(ADR 0008: exact for readers of every record behind them, protected for board members), and
issue one (participation lead or officer) for an offered quarter or year."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from heard.api import common
from heard.api.fields import BulkRelatedField
from heard.indicators.models import IssuedReport
from heard.indicators.reports import periods, selectors, services
from heard.people.models import Organisation


@extend_schema_field(
    {
        "type": "object",
        "description": "The report's period, filters and tables (each: key, title, columns, "
        "numeric, rows, empty), exact or protected as the reader may see them.",
        "additionalProperties": True,
    }
)
class FiguresField(serializers.Field):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: IssuedReport) -> Any:
        return selectors.figures_for(self.context["request"].user, value)


class IssuedReportOutput(common.OutputSerializer):
    figures = FiguresField()

    class Meta:
        model = IssuedReport
        fields = [
            "id",
            "kind",
            "starts_on",
            "ends_on",
            "organisation",
            "issued_by",
            "created_at",
            "figures",
        ]


class IssuedReportListOutput(IssuedReportOutput):
    class Meta(IssuedReportOutput.Meta):
        fields = ["id", "kind", "starts_on", "ends_on", "organisation", "issued_by", "created_at"]


class IssuedReportInput(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=IssuedReport.Kind.choices)
    start = serializers.DateField(
        help_text="The first day of an offered quarter or year (1 April): the current one or "
        "one of the last seven quarters or two years."
    )
    organisation = BulkRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        period = periods.parse(attrs["kind"], attrs["start"].isoformat(), timezone.localdate())
        if period is None:
            raise serializers.ValidationError({"start": "Give the first day of an offered period."})
        return {"period": period, "organisation": attrs.get("organisation")}


class IssuedReportViewSet(common.ReadCreateViewSet):
    """Quarterly monitoring and annual reports as issued, kept as they read that day."""

    summaries = {
        "list": "Issued reports",
        "retrieve": "One issued report with its figures",
        "create": "Issue a quarterly or annual report",
    }

    serializer_class = IssuedReportListOutput
    output_serializer = IssuedReportOutput
    input_serializer = IssuedReportInput
    operations = common.Operations(selectors, services, "report", add="issue")
