"""The plans services: every write validated, permission-checked and audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heard.core.models import AuditEntry
from heard.core.standards import Standard
from heard.plans import services
from heard.plans.models import Action, ActionPlan, Outcome, Progress
from tests import factories


def events_of(obj):
    return list(AuditEntry.objects.about(obj).values_list("event", flat=True))


def test_a_plan_is_created_and_audited(officer, organisation):
    plan = services.plan_create(
        actor=officer,
        organisation=organisation,
        period="2009-10",
        starts_on=datetime.date(2009, 4, 1),
        ends_on=datetime.date(2010, 3, 31),
        title="CYPS action plan",
    )
    assert plan.review_every_months == 6
    entry = AuditEntry.objects.about(plan).get()
    assert entry.event == "action_plan.created"
    assert entry.changes["period"] == [None, "2009-10"]


def test_one_plan_per_organisation_per_period(plan, organisation):
    with pytest.raises(ValidationError):
        services.plan_create(
            actor=None,
            organisation=organisation,
            period=plan.period,
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            title="Again",
        )


def test_a_plan_ends_after_it_starts(organisation):
    with pytest.raises(ValidationError) as caught:
        services.plan_create(
            actor=None,
            organisation=organisation,
            period="2026-27",
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2026, 3, 1),
            title="Backwards",
        )
    assert "ends_on" in caught.value.message_dict


def test_a_partner_worker_writes_only_their_own_organisations_plan(
    partner_worker, other_organisation, make_plan
):
    with pytest.raises(PermissionDenied):
        services.plan_create(
            actor=partner_worker,
            organisation=other_organisation,
            period="2026-27",
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2027, 3, 31),
            title="Not theirs",
        )
    other = make_plan(other_organisation)
    with pytest.raises(PermissionDenied):
        services.plan_update(actor=partner_worker, plan=other, title="Mine now")
    own = make_plan(partner_worker.organisation, period="2027-28")
    services.plan_update(actor=partner_worker, plan=own, title="Our plan")
    assert ActionPlan.objects.get(pk=own.pk).title == "Our plan"
    with pytest.raises(PermissionDenied):
        services.plan_update(actor=partner_worker, plan=own, organisation=other_organisation)


def test_a_board_member_changes_nothing(board_member, plan):
    with pytest.raises(PermissionDenied):
        services.plan_update(actor=board_member, plan=plan, title="No")
    with pytest.raises(PermissionDenied):
        services.outcome_add(actor=board_member, plan=plan, standard="strategy", text="No")


def test_a_plan_change_is_audited_with_old_and_new(officer, plan):
    services.plan_update(actor=officer, plan=plan, title="Renamed", review_every_months=3)
    entry = AuditEntry.objects.about(plan).filter(event="action_plan.changed").get()
    assert entry.changes["title"] == ["Active involvement action plan", "Renamed"]
    assert entry.changes["review_every_months"] == [6, 3]


def test_outcomes_and_actions_are_numbered_in_order(plan):
    first = services.outcome_add(actor=None, plan=plan, standard="strategy", text="One")
    second = services.outcome_add(actor=None, plan=plan, standard="strategy", text="Two")
    assert (first.order, second.order) == (1, 2)
    a = services.action_add(actor=None, outcome=first, text="A")
    b = services.action_add(actor=None, outcome=first, text="B", lead_text="CB")
    assert (a.order, b.order) == (1, 2)
    assert events_of(b) == ["plan_action.created"]
    with pytest.raises(TypeError):
        services.action_add(actor=None, outcome=first, text="C", colour="red")


def test_an_action_keeps_its_lines_and_leads(officer, outcome):
    lead = factories.UserFactory(role="participation_officer")
    action = services.action_add(
        actor=officer,
        outcome=outcome,
        text="Build capacity:\n- Support locality teams\n- Run pilot",
        lead_staff=[lead],
        lead_text="PW/CB",
        due_on=datetime.date(2026, 9, 1),
    )
    action.refresh_from_db()
    assert action.text.splitlines() == [
        "Build capacity:",
        "- Support locality teams",
        "- Run pilot",
    ]
    assert list(action.lead_staff.all()) == [lead]
    services.action_update(actor=officer, action=action, lead_staff=[], risks="Funding")
    action.refresh_from_db()
    assert list(action.lead_staff.all()) == []
    assert action.risks == "Funding"


def test_an_outcome_is_changed_and_deleted(officer, outcome, action):
    services.outcome_update(actor=officer, outcome=outcome, standard=Standard.STRATEGY)
    assert Outcome.objects.get(pk=outcome.pk).standard == Standard.STRATEGY
    services.outcome_delete(actor=officer, outcome=outcome)
    assert not Outcome.objects.filter(pk=outcome.pk).exists()
    assert not Action.objects.filter(pk=action.pk).exists()
    deleted = AuditEntry.objects.filter(event="plan_outcome.deleted").get()
    assert deleted.metadata["was"].startswith("1.1")


def test_an_action_is_deleted_and_a_plan_with_everything_in_it(officer, plan, action):
    services.action_delete(actor=officer, action=action)
    assert not Action.objects.filter(pk=action.pk).exists()
    services.plan_delete(actor=officer, plan=plan)
    assert not ActionPlan.objects.filter(pk=plan.pk).exists()
    assert AuditEntry.objects.filter(event="action_plan.deleted").count() == 1


def test_a_review_sets_the_actions_progress_unless_a_later_one_did(officer, action):
    services.action_review_add(
        actor=officer, action=action, date=datetime.date(2026, 10, 1), progress=Progress.AT_RISK
    )
    action.refresh_from_db()
    assert action.progress == Progress.AT_RISK
    changed = AuditEntry.objects.about(action).filter(event="plan_action.changed").get()
    assert changed.changes["progress"] == ["not_started", "at_risk"]
    older = services.action_review_add(
        actor=officer,
        action=action,
        date=datetime.date(2026, 4, 1),
        progress=Progress.ON_TRACK,
        comment="Started late",
    )
    action.refresh_from_db()
    assert action.progress == Progress.AT_RISK
    assert older.reviewed_by == officer


def test_a_review_of_another_organisations_action_is_refused(make_user, action, other_organisation):
    worker = make_user("partner_worker", organisation=other_organisation)
    with pytest.raises(PermissionDenied):
        services.action_review_add(
            actor=worker, action=action, date=datetime.date(2026, 10, 1), progress="done"
        )


def test_an_action_is_overdue_past_its_due_date_until_done(action):
    today = datetime.date(2026, 10, 15)
    assert not action.is_overdue(today)
    action.due_on = datetime.date(2026, 10, 14)
    assert action.is_overdue(today)
    action.progress = Progress.DONE
    assert not action.is_overdue(today)
    assert str(action) == "Run a pilot panel"
