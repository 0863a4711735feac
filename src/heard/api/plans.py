"""Action plans over the API (M10): plans, their outcomes, the outcomes' actions and the actions'
reviews. Programme staff write every plan, a partner worker their own organisation's; theme
leads, safeguarding leads and board members read."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from heard.api import common
from heard.api.fields import ActiveStaffField, BulkRelatedField, optional_text
from heard.core.standards import Standard
from heard.people.models import Organisation
from heard.plans import filters, selectors, services
from heard.plans.models import Action, ActionPlan, ActionReview, Outcome, Progress
from heard.plans.policies import ACTION, OUTCOME, PLAN
from heard.plans.services.plans import ACTION_FIELDS, OUTCOME_FIELDS, PLAN_FIELDS

# Plans -------------------------------------------------------------------------------------------


class PlanSerializer(common.OutputSerializer):
    class Meta:
        model = ActionPlan
        fields = ["id", *PLAN_FIELDS, "organisation_name", *common.STAMPS]


class PlanChange(serializers.Serializer):  # type: ignore[type-arg]
    period = serializers.CharField(max_length=20, help_text="The period's label, like 2009-10.")
    title = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    review_every_months = serializers.IntegerField(min_value=1, max_value=24, required=False)


class PlanInput(PlanChange):
    organisation = BulkRelatedField(queryset=Organisation.objects.all())


class ActionPlanViewSet(common.RecordDeleteViewSet):
    """Action plans: one per organisation per period, reviewed every few months (six by
    default). Deleting a plan deletes its outcomes, actions and reviews."""

    serializer_class = PlanSerializer
    input_serializer = PlanInput
    change_serializer = PlanChange
    filterset_class = filters.ActionPlanFilter
    operations = common.Operations(selectors, services, "plan", add="create")

    def get_queryset(self) -> Any:
        return (
            PLAN.scope(self.request.user, "view")
            .select_related("organisation")
            .order_by("-starts_on", "pk")
        )


# Outcomes ----------------------------------------------------------------------------------------


class PlanOutcomeSerializer(common.OutputSerializer):
    class Meta:
        model = Outcome
        fields = ["id", "plan", *OUTCOME_FIELDS, *common.STAMPS]


class PlanOutcomeChange(serializers.Serializer):  # type: ignore[type-arg]
    standard = serializers.ChoiceField(choices=Standard.choices)
    number = serializers.CharField(max_length=16, required=False, allow_blank=True)
    text = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)
    order = serializers.IntegerField(min_value=0, max_value=100_000, required=False)


class _Visible(BulkRelatedField):
    """An id of a record the user may read (404-like "does not exist" for anyone else's)."""

    def __init__(self, policy: Any, **kwargs: Any) -> None:
        self.policy = policy
        super().__init__(queryset=policy.model._default_manager.none(), **kwargs)

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return self.policy.scope(user, "view") if user is not None else super().get_queryset()


class PlanOutcomeInput(PlanOutcomeChange):
    plan = _Visible(PLAN)


class OutcomeViewSet(common.RecordDeleteViewSet):
    """The outcomes of plans, each under one of the seven Hear by Right standards, numbered as
    the plan writes them; filter by ``plan``."""

    serializer_class = PlanOutcomeSerializer
    input_serializer = PlanOutcomeInput
    change_serializer = PlanOutcomeChange
    filterset_class = filters.OutcomeFilter
    operations = common.Operations(selectors, services, "outcome")


# Actions -----------------------------------------------------------------------------------------


class PlanActionSerializer(common.OutputSerializer):
    lead_staff: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Action
        fields = ["id", "outcome", *ACTION_FIELDS, "lead_staff", *common.STAMPS]


class PlanActionChange(serializers.Serializer):  # type: ignore[type-arg]
    text = serializers.CharField(max_length=common.TEXT_MAX_LENGTH)
    lead_staff = ActiveStaffField(many=True, required=False)
    lead_text = serializers.CharField(max_length=500, required=False, allow_blank=True)
    timescale = serializers.CharField(max_length=500, required=False, allow_blank=True)
    due_on = serializers.DateField(required=False, allow_null=True)
    resources = optional_text()
    risks = optional_text()
    progress = serializers.ChoiceField(choices=Progress.choices, required=False)
    order = serializers.IntegerField(min_value=0, max_value=100_000, required=False)


class PlanActionInput(PlanActionChange):
    outcome = _Visible(OUTCOME)


class ActionViewSet(common.RecordDeleteViewSet):
    """Supporting actions of outcomes: their text (lines kept), leads (staff, and as the plan
    writes them), timescale, due date, resources, risks and progress; filter by ``plan``,
    ``outcome`` or ``progress``."""

    serializer_class = PlanActionSerializer
    input_serializer = PlanActionInput
    change_serializer = PlanActionChange
    filterset_class = filters.ActionFilter
    operations = common.Operations(selectors, services, "action")


# Reviews -----------------------------------------------------------------------------------------


class PlanReviewSerializer(common.OutputSerializer):
    class Meta:
        model = ActionReview
        fields = ["id", "action", "date", "progress", "comment", "reviewed_by", "created_at"]


class PlanReviewInput(serializers.Serializer):  # type: ignore[type-arg]
    action = _Visible(ACTION)
    date = serializers.DateField()
    progress = serializers.ChoiceField(choices=Progress.choices)
    comment = optional_text()


class ActionReviewViewSet(common.ReadCreateViewSet):
    """Dated reviews of actions; a new review sets its action's progress unless a later review
    is already recorded. Filter by ``action``."""

    serializer_class = PlanReviewSerializer
    input_serializer = PlanReviewInput
    filterset_class = filters.ActionReviewFilter
    one = staticmethod(selectors.review_get)
    visible = staticmethod(selectors.reviews_visible_to)
    adds = staticmethod(services.action_review_add)
