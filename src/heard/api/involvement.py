"""Involvement over the API: recruitment, commissioning and procurement activities with whether
and how young people took part (programme staff; a partner worker their own organisation's;
board members read), and evaluations of sessions (as their session's page)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from heard.api import common
from heard.api.fields import (
    VisibleField,
    VisibleSessionField,
    VisibleYoungPersonField,
    optional_text,
)
from heard.involvement import filters, selectors, services
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.involvement.services.activities import ACTIVITY_FIELDS
from heard.involvement.services.evaluations import COMMENT_MAX_LENGTH, EVALUATION_FIELDS

# Involvement activities --------------------------------------------------------------------------


class ActivitySerializer(common.OutputSerializer):
    how = serializers.ListField(
        child=serializers.ChoiceField(choices=InvolvementActivity.How.choices), read_only=True
    )
    young_people = serializers.SerializerMethodField(
        help_text="References of the young people named whom you may see."
    )
    young_people_count = serializers.IntegerField(
        read_only=True, help_text="How many young people are named, seen or not."
    )

    class Meta:
        model = InvolvementActivity
        fields = common.output_fields(ACTIVITY_FIELDS, young_people=["young_people_count"])

    def get_young_people(self, activity: InvolvementActivity) -> list[str]:
        return [person.reference for person in getattr(activity, "seen_young_people", [])]


class ActivityInput(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=InvolvementActivity.Kind.choices)
    date = serializers.DateField()
    organisation = VisibleField(selectors.organisations_for_activities)
    young_people_involved = serializers.BooleanField(required=False)
    how = serializers.ListField(
        child=serializers.ChoiceField(choices=InvolvementActivity.How.choices),
        required=False,
        max_length=len(InvolvementActivity.How.choices),
    )
    young_people = VisibleYoungPersonField(many=True, required=False)
    notes = optional_text()


class ActivityViewSet(common.RecordDeleteViewSet):
    """Recruitment, commissioning and procurement activities, and whether and how young people
    took part. A partner worker keeps their own organisation's; board members read them all."""

    serializer_class = ActivitySerializer
    input_serializer = ActivityInput
    filterset_class = filters.ActivityFilter
    visible = staticmethod(selectors.activities_with_young_people)
    one = None  # get_object finds one among visible
    operations = common.Operations(selectors, services, "activity", add="record")

    def fresh(self, obj: Any) -> Any:
        return self.get_queryset().get(pk=obj.pk)


# Evaluations -------------------------------------------------------------------------------------


class EvaluationSerializer(common.OutputSerializer):
    session_title = serializers.CharField(source="session.__str__", read_only=True)

    class Meta:
        model = Evaluation
        fields = common.output_fields(EVALUATION_FIELDS, session=["session_title"])


class EvaluationInput(serializers.Serializer):  # type: ignore[type-arg]
    session = VisibleSessionField(help_text="A session you may see.")
    young_person = VisibleYoungPersonField(
        required=False,
        allow_null=True,
        help_text="An attendee of the session; none for an anonymous paper evaluation.",
    )
    rating = serializers.ChoiceField(choices=Evaluation.Rating.choices)
    comment = serializers.CharField(max_length=COMMENT_MAX_LENGTH, required=False, allow_blank=True)


class EvaluationChange(serializers.Serializer):  # type: ignore[type-arg]
    rating = serializers.ChoiceField(choices=Evaluation.Rating.choices, required=False)
    comment = serializers.CharField(max_length=COMMENT_MAX_LENGTH, required=False, allow_blank=True)


class EvaluationViewSet(common.RecordDeleteViewSet):
    """Young people's evaluations of sessions and events (positive, neutral or negative, with a
    comment), from paper or the portal. Whoever may read a session reads its evaluations."""

    serializer_class = EvaluationSerializer
    input_serializer = EvaluationInput
    change_serializer = EvaluationChange
    filterset_class = filters.EvaluationFilter
    operations = common.Operations(selectors, services, "evaluation", add="record")
