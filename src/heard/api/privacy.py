"""Privacy over the API: consents per young person (list, record, withdraw) and reach (aggregate,
small counts suppressed exactly as on the page)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common
from heard.api.actions import RecordAction
from heard.api.fields import BulkRelatedField, SuppressedCountField, VisibleYoungPersonField
from heard.core import disclosure, years
from heard.people.models import Organisation
from heard.privacy import selectors, services
from heard.privacy.models import Consent

# Consents ----------------------------------------------------------------------------------------


class ConsentOutput(common.OutputSerializer):
    withdrawn_by = serializers.CharField(
        read_only=True, help_text="Blank until withdrawn; then one of the given_by values."
    )
    withdrawn_how = serializers.CharField(
        read_only=True, help_text="Blank until withdrawn; then one of the how values."
    )
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Consent
        fields = [
            "id",
            "young_person",
            "young_person_reference",
            "purpose",
            "given_by",
            "given_on",
            "how",
            "withdrawn_on",
            "withdrawn_by",
            "withdrawn_how",
            "notes",
            "is_current",
        ]


class ConsentInput(serializers.Serializer):  # type: ignore[type-arg]
    young_person = VisibleYoungPersonField()
    purpose = serializers.ChoiceField(choices=Consent.Purpose.choices)
    given_by = serializers.ChoiceField(choices=Consent.GivenBy.choices)
    given_on = serializers.DateField()
    how = serializers.ChoiceField(choices=Consent.How.choices)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)


def _inline_choice(choices: Any) -> serializers.ChoiceField:
    """A choice field documented inline (not as a shared enum component, which the same choices
    under another field name would clash with)."""

    @extend_schema_field({"type": "string", "enum": list(choices.values)})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices.choices)


class ConsentWithdrawInput(serializers.Serializer):  # type: ignore[type-arg]
    withdrawn_on = serializers.DateField()
    withdrawn_by = _inline_choice(Consent.GivenBy)
    withdrawn_how = _inline_choice(Consent.How)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ConsentFilter(django_filters.FilterSet):
    young_person = django_filters.NumberFilter(field_name="young_person_id")
    purpose = django_filters.ChoiceFilter(choices=Consent.Purpose.choices)
    current = django_filters.BooleanFilter(field_name="withdrawn_on", lookup_expr="isnull")

    class Meta:
        model = Consent
        fields = ["young_person", "purpose", "current"]


class ConsentViewSet(common.ReadCreateViewSet):
    called = "a consent"
    summaries = {
        "list": "Consents of the young people you may see",
        "create": "Record a consent",
    }

    serializer_class = ConsentOutput
    input_serializer = ConsentInput
    filterset_class = ConsentFilter
    operations = common.Operations(selectors, services, "consent", add="record")
    more_permissions = {"withdraw": "change"}

    def get_queryset(self) -> QuerySet[Consent]:
        return super().get_queryset().order_by("-given_on", "-id")

    withdraw = RecordAction(
        services.consent_withdraw,
        ConsentWithdrawInput,
        summary="Withdraw a consent (stops the use at once, everywhere)",
    )


# Reach -------------------------------------------------------------------------------------------


class ReachRowOutput(serializers.Serializer):  # type: ignore[type-arg]
    value = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    took_part = SuppressedCountField()
    active = SuppressedCountField()
    share = serializers.FloatField(allow_null=True)
    benchmark = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    gap = serializers.FloatField(allow_null=True)


class ReachTableOutput(serializers.Serializer):  # type: ignore[type-arg]
    characteristic = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    rows = ReachRowOutput(many=True)
    total_took_part = SuppressedCountField()
    total_active = SuppressedCountField()


class TargetProgressOutput(serializers.Serializer):  # type: ignore[type-arg]
    group = serializers.CharField(source="target.group")
    label = serializers.CharField(source="target.label")  # type: ignore[assignment]
    target = serializers.IntegerField(source="target.target")
    start = serializers.DateField(source="target.start")
    end = serializers.DateField(source="target.end")
    took_part = SuppressedCountField()
    share_of_target = serializers.FloatField(allow_null=True)


class ReachOutput(serializers.Serializer):  # type: ignore[type-arg]
    start = serializers.DateField()
    end = serializers.DateField()
    area = serializers.CharField()
    exact = serializers.BooleanField(
        help_text="True: exact counts (a reader who may open every record behind them). False: "
        'protected counts (ADR 0008: 0 exact, 1-4 "fewer than 5", the rest rounded to a '
        "multiple of 5 by the cell key method; fixed reporting periods only)."
    )
    took_part = SuppressedCountField()
    active = SuppressedCountField()
    tables = ReachTableOutput(many=True)
    least_heard = TargetProgressOutput(many=True)


class ReachParams(serializers.Serializer):  # type: ignore[type-arg]
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    area = serializers.CharField(required=False, allow_blank=True, max_length=100)
    organisation = BulkRelatedField(queryset=Organisation.objects.all(), required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        today = timezone.localdate()  # a default period, like the page's
        user = self.context.get("user")
        organisation = attrs.get("organisation")
        exact = disclosure.is_exact(user, organisation_id=getattr(organisation, "pk", None))
        default_start, default_end = (
            (years.year_start(today), today) if exact else disclosure.default_period(today)
        )
        attrs.setdefault("start", default_start)
        attrs.setdefault("end", default_end)
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": "The end must be on or after the start."})
        if not exact and not disclosure.is_reporting_period(
            attrs["start"], attrs["end"], today=today
        ):
            raise serializers.ValidationError({"start": disclosure.PERIOD_REFUSED})
        attrs["exact"] = exact
        return attrs


class _OneReport(AutoSchema):
    """The reach endpoint answers GET on the collection with one report, not a list."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False


class ReachViewSet(viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Reach for a period by each characteristic (programme staff and board members)."""

    schema = _OneReport()
    serializer_class = ReachOutput
    pagination_class = None
    filter_backends: list[Any] = []
    action_permissions = {"list": "privacy.view_reach"}

    @extend_schema(
        summary="Reach by characteristic (exact, or protected: fixed periods, cell key, threshold)",
        description="Exact for programme staff. For everyone else the counts are protected "
        "(ADR 0008): only a fixed reporting period is accepted (one complete quarter, or a "
        "partnership year from 1 April to the end of one of its complete quarters; any other "
        "period is a 400), the default is the year to the last complete quarter, and every count "
        'is 0, "fewer than 5" or a multiple of 5 chosen by the cell key method.',
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, description="From (default 1 April)"),
            OpenApiParameter("end", OpenApiTypes.DATE, description="To (default today)"),
            OpenApiParameter("area", OpenApiTypes.STR),
            OpenApiParameter("organisation", OpenApiTypes.INT),
        ],
        responses=ReachOutput,
    )
    def list(self, request: Request) -> Response:
        params = ReachParams(data=request.query_params, context={"user": request.user})
        params.is_valid(raise_exception=True)
        report = selectors.reach(user=request.user, **params.validated_data)
        return Response(ReachOutput(report).data)
