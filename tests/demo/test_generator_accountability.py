"""The generator's accountability steps (issue 18): action plans, audits and kite marks,
provision reviews, training, involvement, evaluations and indicators, as the services would leave
them, and enough of them for the quarterly report to have something in every section."""

import datetime

import pytest
import time_machine
from django.db.models import Count, Max, Q

from heard.audits import selectors as audit_selectors
from heard.audits.models import (
    Audit,
    AuditLevel,
    Course,
    CourseAttendance,
    ProvisionReview,
    Recommendation,
)
from heard.audits.services.training import months_after
from heard.core.standards import Standard
from heard.demo import generator
from heard.indicators.measures import measure_for
from heard.indicators.models import Indicator
from heard.indicators.reports import build, periods
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.participation.models import Attendance
from heard.plans.models import Action, ActionPlan, ActionReview, Outcome, Progress
from tests.demo_database import database_copy

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 20)


def _generate_tiny() -> generator.Result:
    with time_machine.travel(NOW, tick=False):
        return generator.generate(scale="tiny", seed=3, today=TODAY)


@pytest.fixture(scope="module")
def generated_tiny(django_db_setup, django_db_blocker, database_copies):
    """The tiny scale, seed 3, generated once per run (tests/demo_database.py)."""
    with django_db_blocker.unblock():
        yield from database_copy(database_copies, "tiny-3-20261120", _generate_tiny)


@pytest.fixture
def tiny(generated_tiny, db):
    return generated_tiny


def test_the_accountability_models_are_generated_and_wiped(tiny):
    for model in (
        ActionPlan,
        Outcome,
        Action,
        Action.lead_staff.through,
        ActionReview,
        Course,
        CourseAttendance,
        Audit,
        Audit.auditors.through,
        Audit.young_auditors.through,
        AuditLevel,
        ProvisionReview,
        ProvisionReview.reviewers.through,
        Recommendation,
        InvolvementActivity,
        InvolvementActivity.young_people.through,
        Evaluation,
        Indicator,
    ):
        assert model in generator.generated_models(), model
        assert model.objects.exists(), model
    generator.wipe()
    assert not ActionPlan.objects.exists()
    assert not Evaluation.objects.exists()


def test_every_generated_row_passes_full_clean(tiny):
    for model in (ActionPlan, Outcome, Action, ActionReview, Course, Audit, AuditLevel):
        for row in model.objects.order_by("pk")[:30]:
            row.full_clean()
    for model in (ProvisionReview, Recommendation, InvolvementActivity, Evaluation, Indicator):
        for row in model.objects.order_by("pk")[:30]:
            row.full_clean()


def test_plans_keep_the_services_rules(tiny):
    # One plan per organisation per period, each action's progress its latest review's.
    assert (
        not ActionPlan.objects.values("organisation", "period")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert set(Outcome.objects.values_list("standard", flat=True)) == set(Standard.values)
    for action in Action.objects.prefetch_related("reviews", "lead_staff"):
        latest = action.reviews.order_by("-date", "-id").first()
        assert action.progress == (latest.progress if latest else Progress.NOT_STARTED)
        assert action.lead_staff.count() == 1
        plan = action.outcome.plan
        assert all(
            plan.starts_on <= r.date <= min(plan.ends_on, TODAY) for r in action.reviews.all()
        )
    assert Action.objects.exclude(progress=Progress.NOT_STARTED).exists()


def test_audits_reviews_and_courses_keep_the_services_rules(tiny):
    for course in Course.objects.all():
        assert course.valid_until == months_after(course.date, course.valid_for_months)
    for audit in Audit.objects.prefetch_related("levels", "young_auditors"):
        audit.full_clean()
        assert audit.date <= TODAY
        assert audit.levels.count() == len(Standard.values)
        # Young auditors were trained by a course current on the day of the audit.
        trained = CourseAttendance.objects.filter(
            course__kind=Course.Kind.YOUNG_AUDITOR,
            course__date__lte=audit.date,
            course__valid_until__gte=audit.date,
        ).values_list("young_person", flat=True)
        assert set(audit.young_auditors.values_list("pk", flat=True)) <= set(trained)
    assert Audit.objects.filter(decision=Audit.Decision.AWARDED).exists()
    assert Audit.objects.filter(decision=Audit.Decision.NOT_YET).exists()
    assert audit_selectors.audits.kite_marks_held(TODAY).exists()
    for rec in Recommendation.objects.select_related("review", "responded_by"):
        review = rec.review
        assert review.visit_date <= TODAY
        if rec.outcome:
            assert review.revisit_date is not None and review.revisit_date <= TODAY
        if rec.response:
            assert rec.responded_by.organisation_id == review.provider_id
            assert review.visit_date < rec.responded_at.date() <= TODAY


def test_evaluations_come_from_those_who_attended(tiny):
    assert Evaluation.objects.filter(young_person__isnull=True).exists()
    assert Evaluation.objects.filter(source=Evaluation.Source.PORTAL).exists()
    named = Evaluation.objects.filter(young_person__isnull=False)
    attended = Attendance.objects.filter(status=Attendance.Status.ATTENDED)
    pairs = set(attended.values_list("session_id", "young_person_id"))
    assert set(named.values_list("session_id", "young_person_id")) <= pairs
    assert not Evaluation.objects.filter(source="portal", young_person__isnull=True).exists()
    involved = InvolvementActivity.objects.filter(young_people_involved=True)
    assert (
        involved.exists()
        and InvolvementActivity.objects.filter(young_people_involved=False).exists()
    )
    for activity in involved.prefetch_related("young_people"):
        assert activity.how
        assert {p.organisation_id for p in activity.young_people.all()} <= {
            activity.organisation_id
        }
    assert not InvolvementActivity.objects.filter(
        young_people_involved=False, young_people__isnull=False
    ).exists()
    assert InvolvementActivity.objects.aggregate(last=Max("date"))["last"] <= TODAY


def test_indicators_use_the_library_and_fill_the_quarterly_report(tiny):
    assert Indicator.objects.filter(organisation__isnull=True).exists()
    assert Indicator.objects.filter(organisation__isnull=False).exists()
    for indicator in Indicator.objects.all():
        assert measure_for(indicator.measure) is not None
        indicator.full_clean()
    quarter = periods.offered(periods.QUARTER, TODAY)[1]
    with time_machine.travel(NOW, tick=False):
        report = build.build(user=None, period=quarter, organisation=None)
    rows = {table["key"]: table["rows"] for table in report["tables"]}
    for key in ("indicators", "plans", "kite_marks", "sessions_by_degree", "themes"):
        assert rows[key], key
    assert len(rows["indicators"]) == Indicator.objects.count()
    assert ActionPlan.objects.filter(
        Q(starts_on__lte=quarter.end) & Q(ends_on__gte=quarter.start)
    ).exists()


def test_the_same_seed_gives_the_same_accountability_rows(tiny):
    def snapshot():
        return (
            list(Action.objects.order_by("pk").values_list("pk", "text", "due_on", "progress")),
            list(
                Audit.objects.order_by("pk").values_list("pk", "organisation", "date", "decision")
            ),
            list(
                Evaluation.objects.order_by("pk").values_list("session", "young_person", "rating")
            ),
            list(Indicator.objects.order_by("pk").values_list("name", "measure", "target")),
        )

    first = snapshot()
    generator.wipe()
    with time_machine.travel(NOW, tick=False):
        generator.generate(scale="tiny", seed=3, today=TODAY)
    assert snapshot() == first
