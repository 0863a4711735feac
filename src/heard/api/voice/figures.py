"""The loop figures over the API: aggregates, exact or protected (ADR 0008)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response as APIResponse

from heard.api.fields import (
    ShownAsIs,
    SuppressedCountField,
    SuppressedShareField,
    VisibleGroupField,
    VisibleOrganisationField,
    VisibleThemeField,
)
from heard.api.openapi import OneObjectSchema
from heard.core import disclosure
from heard.core.suppression import WITHHELD
from heard.groups.models import Group, Theme
from heard.people.models import Organisation
from heard.voice import selectors
from heard.voice.disclosure import loop_figures_exact_for, loop_figures_shown


class RatingCounts(serializers.Serializer):
    helpful = SuppressedCountField()
    not_sure = SuppressedCountField()
    not_helpful = SuppressedCountField()
    total = SuppressedCountField(help_text="Every rating given.")


@extend_schema_field(
    {
        "anyOf": [
            {"type": "number", "minimum": 0, "nullable": True},
            {"type": "string", "enum": [WITHHELD]},
        ],
        "description": 'Days; null when nothing was fed back, "withheld" until 5 or more '
        "views were (for a protected reader: until the protected count of views fed back shows "
        "10 or more).",
    }
)
class MedianField(ShownAsIs):
    """A median number of days, as it is."""


class LoopFiguresOutput(serializers.Serializer):
    """Exact for a reader who may open every view behind the figures; protected for the others
    (heard.voice.disclosure, ADR 0008): fixed reporting periods only, every count 0, "fewer than
    5" or a multiple of 5 chosen by the cell key method, shares worked out from those."""

    exact = serializers.BooleanField(
        help_text='True: exact figures. False: protected (ADR 0008: 0 exact, 1-4 "fewer than '
        '5", the rest rounded to a multiple of 5 by the cell key method; a fixed reporting '
        "period only: any other period is a 400)."
    )
    start = serializers.DateField(allow_null=True, help_text="The period's first day, if any.")
    end = serializers.DateField(allow_null=True, help_text="The period's last day, if any.")

    views_recorded = SuppressedCountField()
    views_not_responded = SuppressedCountField(help_text="Views still waiting for a response.")
    views_responded_not_fed_back = SuppressedCountField(
        help_text="Views responded to, whose response was not yet fed back."
    )
    views_responded = SuppressedCountField(help_text="Responded to, fed back or not.")
    views_fed_back = SuppressedCountField()
    share_responded = SuppressedShareField()
    share_fed_back = SuppressedShareField()
    median_days_view_to_feedback = MedianField()
    responses = SuppressedCountField()
    not_possible_responses = SuppressedCountField()
    not_possible_with_reason = SuppressedCountField()
    not_possible_with_reason_share = SuppressedShareField(help_text="Must be 1.")
    ratings = RatingCounts()


class LoopFiguresQuery(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    theme = VisibleThemeField(queryset=Theme.objects.all(), required=False)
    group = VisibleGroupField(queryset=Group.objects.all(), required=False)
    organisation = VisibleOrganisationField(queryset=Organisation.objects.all(), required=False)


class LoopFiguresViewSet(viewsets.ViewSet):
    """How well the loop closes: aggregates only, so board members may read them too."""

    schema = OneObjectSchema()
    action_permissions = {"list": "voice.view_loop_figures"}

    @extend_schema(
        summary="Loop figures",
        parameters=[
            OpenApiParameter(
                "start",
                str,
                description="Views given on or after (YYYY-MM-DD). For a protected reader "
                "(ADR 0008) the period must be a fixed reporting period (one complete quarter, or "
                "a partnership year from 1 April to the end of one of its complete quarters), "
                "else 400; without one, the year to the last complete quarter.",
            ),
            OpenApiParameter("end", str, description="Views given on or before (YYYY-MM-DD)."),
            OpenApiParameter("theme", int),
            OpenApiParameter("group", int),
            OpenApiParameter("organisation", int),
        ],
        responses=LoopFiguresOutput,
    )
    def list(self, request: Request) -> APIResponse:
        query = LoopFiguresQuery(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        exact = loop_figures_exact_for(request.user)
        params = dict(query.validated_data)
        if not exact:
            # ADR 0008: a protected reader's figures cover a fixed reporting period only.
            today = timezone.localdate()
            if params.get("start") is None and params.get("end") is None:
                params["start"], params["end"] = disclosure.default_period(today)
            elif not disclosure.is_reporting_period(
                params.get("start") or datetime.date.min, params.get("end") or today, today=today
            ):
                return APIResponse(
                    {"start": [disclosure.PERIOD_REFUSED]}, status=status.HTTP_400_BAD_REQUEST
                )
        figures = selectors.loop_figures(user=request.user, cells=not exact, **params)
        shown = loop_figures_shown(figures, exact=exact)
        shown.update(start=params.get("start"), end=params.get("end"))
        return APIResponse(LoopFiguresOutput(shown).data)
