"""Indicators over the API (M12): each with its value, target and status as the reader may see
them (ADR 0008), and one indicator with its trend over the last four quarters. The
participation lead sets, changes and deletes them; officers, theme leads and board members read.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from heard.api import common
from heard.api.fields import BulkRelatedField, ShownAsIs, blank_or
from heard.core.roles import AgeBand
from heard.core.suppression import SMALL, WITHHELD
from heard.groups.models import Group, Theme
from heard.indicators import filters, selectors, services
from heard.indicators.measures import measure_choices
from heard.indicators.models import FILTER_FIELDS, Indicator
from heard.indicators.progress import Status
from heard.participation.models import Degree, ParticipationType, Session
from heard.people.models import Organisation, User


@extend_schema_field(
    {
        "oneOf": [
            {"type": "number", "minimum": 0, "nullable": True},
            {"type": "string", "enum": [SMALL, WITHHELD]},
        ],
        "description": "The figure: a count, or a percentage (0 to 100) for a measure in per "
        "cent; null when there is nothing to count a share of. Exact for a reader who may open "
        "every record behind it; otherwise counts of young people are protected (ADR 0008: 0 "
        'exact, 1 to 4 "fewer than 5", the rest rounded to a multiple of 5 by the cell key '
        'method) and shares are worked out from protected counts ("withheld" when they cannot '
        "be). Counts of sessions and groups are plain numbers.",
    }
)
class FigureField(ShownAsIs):
    """An indicator's figure as this reader may see it."""


STATUSES = [status.value for status in Status]


class PointOutput(serializers.Serializer):  # type: ignore[type-arg]
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)
    value = FigureField(help_text="The figure for the period.")
    status = serializers.ChoiceField(
        choices=STATUSES, source="status.value", read_only=True, help_text="Against the target."
    )


class ProgressOutput(serializers.Serializer):  # type: ignore[type-arg]
    """The indicator's figure now (``current``), its measure's unit, and whether it is exact."""

    unit = serializers.ChoiceField(
        choices=["young people", "work", "share"], source="measure.unit.value", read_only=True
    )
    exact = serializers.BooleanField(
        read_only=True,
        help_text="False: the figures are protected and cover fixed reporting periods.",
    )
    current = PointOutput(read_only=True)


class ProgressWithTrendOutput(ProgressOutput):
    trend = PointOutput(
        many=True,
        read_only=True,
        help_text="The last four quarters, oldest first: this quarter so far and the three "
        "before it for exact readers, the last four complete quarters otherwise.",
    )


class IndicatorOutput(common.OutputSerializer):
    measure_label = serializers.CharField(source="progress.measure.label", read_only=True)
    group_kind = blank_or(Group.Kind.choices)
    age_band = blank_or(AgeBand.choices)
    session_kind = blank_or(Session.Kind.choices)
    degree = blank_or(Degree.choices)
    participation_type = blank_or(ParticipationType.choices)
    progress = ProgressOutput(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "measure",
            "measure_label",
            "period",
            "target",
            "amber_within",
            *FILTER_FIELDS,
            "progress",
            *common.STAMPS,
        ]


class IndicatorDetailOutput(IndicatorOutput):
    progress = ProgressWithTrendOutput(read_only=True)


def _choice(choices: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, required=False, allow_blank=True)


class IndicatorInput(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField(max_length=200)
    measure = serializers.ChoiceField(choices=measure_choices())
    period = serializers.ChoiceField(choices=Indicator.Period.choices, required=False)
    target = serializers.IntegerField(min_value=0, max_value=2_000_000_000)
    amber_within = serializers.IntegerField(min_value=0, max_value=100, required=False)
    theme = BulkRelatedField(queryset=Theme.objects.all(), required=False, allow_null=True)
    group_kind = _choice(Group.Kind.choices)
    organisation = BulkRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    lead = BulkRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    age_band = _choice(AgeBand.choices)
    session_kind = _choice(Session.Kind.choices)
    degree = _choice(Degree.choices)
    participation_type = _choice(ParticipationType.choices)
    session_title = serializers.CharField(max_length=100, required=False, allow_blank=True)


class IndicatorViewSet(common.RecordDeleteViewSet):
    """Indicators: a measure from the library, its filters, a target and a red/amber/green
    rule, each with its figure now; one indicator with its last four quarters too."""

    summaries = {
        "list": "Indicators with their value, target and status",
        "retrieve": "One indicator with its trend over four quarters",
        "create": "Set an indicator (participation lead)",
        "partial_update": "Change an indicator (participation lead)",
        "destroy": "Delete an indicator (participation lead)",
    }

    serializer_class = IndicatorOutput
    output_serializer = IndicatorDetailOutput
    input_serializer = IndicatorInput
    filterset_class = filters.IndicatorFilter
    one = None  # get_object finds one, with its progress
    operations = common.Operations(selectors, services, "indicator", add="create")

    def _with_progress(self, rows: Any, *, trend: bool) -> list[Indicator]:
        rows = list(rows)
        shown = selectors.indicators_progress(
            rows, user=self.request.user, today=timezone.localdate(), trend=trend
        )
        for row in shown:
            row.indicator.progress = row  # type: ignore[attr-defined]
        return [row.indicator for row in shown]

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        return None if page is None else self._with_progress(page, trend=False)

    def get_object(self) -> Any:
        found = self._with_progress([super().get_object()], trend=True)
        if not found:
            raise Http404("This indicator's measure is no longer in the library.")
        return found[0]

    def fresh(self, obj: Any) -> Any:
        return self._with_progress(
            [selectors.indicator_get(self.request.user, obj.pk)], trend=True
        )[0]
