"""Action plans over the API: plans, outcomes, actions and reviews, through the services, with
the plans policy's scopes (a partner worker their own organisation's, readers no writes)."""

import datetime

import pytest

from heard.core.models import AuditEntry
from heard.plans import services
from heard.plans.models import Action, ActionPlan, Outcome, Progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation):
    return services.plan_create(
        actor=None,
        organisation=organisation,
        period="2009-10",
        starts_on=datetime.date(2009, 4, 1),
        ends_on=datetime.date(2010, 3, 31),
        title="CYPS action plan",
    )


def test_a_plan_outcome_action_and_review_are_written_through_the_api(
    api_for, officer, organisation
):
    api = api_for(officer)
    made = api.post(
        "/api/v1/action-plans/",
        {
            "organisation": organisation.pk,
            "period": "2009-10",
            "title": "CYPS action plan",
            "starts_on": "2009-04-01",
            "ends_on": "2010-03-31",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    plan_id = made.json()["id"]
    assert made.json()["review_every_months"] == 6
    outcome = api.post(
        "/api/v1/plan-outcomes/",
        {"plan": plan_id, "standard": "shared_values", "number": "1.2", "text": "Recruiting"},
        format="json",
    )
    assert outcome.status_code == 201, outcome.json()
    action = api.post(
        "/api/v1/plan-actions/",
        {
            "outcome": outcome.json()["id"],
            "text": "Build capacity:\n- Support locality teams",
            "lead_text": "CL",
            "lead_staff": [officer.pk],
            "due_on": "2009-08-31",
        },
        format="json",
    )
    assert action.status_code == 201, action.json()
    assert action.json()["lead_staff"] == [officer.pk]
    review = api.post(
        "/api/v1/plan-action-reviews/",
        {"action": action.json()["id"], "date": "2009-10-01", "progress": "on_track"},
        format="json",
    )
    assert review.status_code == 201, review.json()
    assert Action.objects.get().progress == Progress.ON_TRACK
    listed = api.get("/api/v1/plan-actions/", {"plan": plan_id}).json()["results"]
    assert [row["text"] for row in listed] == ["Build capacity:\n- Support locality teams"]
    changed = api.patch(
        f"/api/v1/plan-outcomes/{outcome.json()['id']}/", {"number": "1.3"}, format="json"
    )
    assert changed.json()["number"] == "1.3"
    assert AuditEntry.objects.filter(event="plan_outcome.changed").count() == 1
    assert api.delete(f"/api/v1/action-plans/{plan_id}/").status_code == 204
    assert not ActionPlan.objects.exists() and not Outcome.objects.exists()


def test_one_plan_per_organisation_and_period_is_a_400(api_for, officer, plan):
    answer = api_for(officer).post(
        "/api/v1/action-plans/",
        {
            "organisation": plan.organisation_id,
            "period": "2009-10",
            "title": "Again",
            "starts_on": "2009-04-01",
            "ends_on": "2010-03-31",
        },
        format="json",
    )
    assert answer.status_code == 400


def test_a_board_member_reads_and_writes_nothing(api_for, board_member, plan):
    api = api_for(board_member)
    assert api.get("/api/v1/action-plans/").json()["count"] == 1
    assert api.patch(f"/api/v1/action-plans/{plan.pk}/", {"title": "X"}).status_code == 403
    assert api.delete(f"/api/v1/action-plans/{plan.pk}/").status_code == 403


def test_another_organisations_worker_sees_nothing_of_the_plan(
    api_for, make_user, other_organisation, plan
):
    outcome = services.outcome_add(actor=None, plan=plan, standard="strategy", text="Plans")
    action = services.action_add(actor=None, outcome=outcome, text="Do")
    services.action_review_add(
        actor=None, action=action, date=datetime.date(2009, 10, 1), progress="done"
    )
    api = api_for(make_user("partner_worker", organisation=other_organisation))
    for path in ("action-plans", "plan-outcomes", "plan-actions", "plan-action-reviews"):
        assert api.get(f"/api/v1/{path}/").json()["count"] == 0, path
    assert api.get(f"/api/v1/action-plans/{plan.pk}/").status_code == 404
    assert api.patch(f"/api/v1/plan-actions/{action.pk}/", {"text": "X"}).status_code == 404
    made = api.post("/api/v1/plan-actions/", {"outcome": outcome.pk, "text": "Mine"}, format="json")
    assert made.status_code == 400


def test_a_partner_worker_writes_their_own_plan(api_for, partner_worker, plan):
    api = api_for(partner_worker)
    made = api.post(
        "/api/v1/plan-outcomes/",
        {"plan": plan.pk, "standard": "systems", "text": "QA"},
        format="json",
    )
    assert made.status_code == 201
    action = api.post(
        "/api/v1/plan-actions/", {"outcome": made.json()["id"], "text": "Audit"}, format="json"
    )
    assert (
        api.patch(
            f"/api/v1/plan-actions/{action.json()['id']}/", {"progress": "at_risk"}, format="json"
        ).json()["progress"]
        == "at_risk"
    )
    assert api.delete(f"/api/v1/plan-actions/{action.json()['id']}/").status_code == 204
    assert api.delete(f"/api/v1/plan-outcomes/{made.json()['id']}/").status_code == 204
