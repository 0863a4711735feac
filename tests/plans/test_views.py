"""The action plan pages: the list with search, filters and CSV, a plan grouped by standard,
adding and editing plans, outcomes and actions, reviews, and deletes behind a confirmation."""

import datetime

import pytest
from django.urls import reverse

from heard.core.standards import Standard
from heard.plans import services
from heard.plans.models import Action, ActionPlan, Outcome, Progress
from tests.core.date_input import assert_date_input

pytestmark = pytest.mark.django_db


def day(name, value):
    return {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}


def csv_text(response):
    return b"".join(response.streaming_content).decode()


def test_the_list_searches_filters_and_downloads(
    client_for, officer, make_plan, other_organisation
):
    make_plan(title="Ours")
    make_plan(other_organisation, period="2009-10", title="Theirs")
    client = client_for(officer)
    page = client.get(reverse("plans:plan-list")).content.decode()
    assert "Ours" in page and "Theirs" in page and "Add an action plan" in page
    page = client.get(reverse("plans:plan-list"), {"period": "2009-10"}).content.decode()
    assert "Theirs" in page and "Ours" not in page
    text = csv_text(client.get(reverse("plans:plan-list"), {"q": "ours", "format": "csv"}))
    assert text.splitlines()[0] == "Plan,Organisation,Period,Starts,Ends,Outcomes"
    assert "Ours" in text and "Theirs" not in text
    page = client.get(reverse("plans:plan-list"), {"q": "nothing like it"}).content.decode()
    assert "No action plans match your filters." in page


def test_the_list_is_empty_and_a_partner_worker_sees_their_own(
    client_for, partner_worker, make_plan, other_organisation
):
    client = client_for(partner_worker)
    assert (
        "There are no action plans yet." in client.get(reverse("plans:plan-list")).content.decode()
    )
    make_plan(title="Ours")
    theirs = make_plan(other_organisation, title="Theirs")
    page = client.get(reverse("plans:plan-list")).content.decode()
    assert "Ours" in page and "Theirs" not in page
    assert client.get(reverse("plans:plan-detail", args=[theirs.pk])).status_code == 404


def test_the_list_runs_a_fixed_number_of_queries(
    client_for, officer, make_plan, django_assert_num_queries, organisation
):
    client = client_for(officer)
    make_plan()
    client.get(reverse("plans:plan-list"))
    one = _queries(client, reverse("plans:plan-list"))
    from tests import factories

    for index in range(5):
        make_plan(factories.OrganisationFactory(), period=f"20{10 + index}-{11 + index}")
    with django_assert_num_queries(one):
        client.get(reverse("plans:plan-list"))


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_a_plan_page_groups_outcomes_by_standard_with_progress(
    client_for, board_member, plan, outcome, action, django_assert_max_num_queries
):
    services.outcome_add(actor=None, plan=plan, standard=Standard.SYSTEMS, number="4.1", text="QA")
    services.action_review_add(
        actor=None, action=action, date=datetime.date(2026, 10, 1), progress=Progress.ON_TRACK
    )
    client = client_for(board_member)
    page = client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    assert page.index("1. Shared values") < page.index("1.1 Young people help recruit staff")
    assert page.index("4. Systems") < page.index("4.1 QA") < page.index("7. Style of leadership")
    assert "Run a pilot panel<br>- with two schools" in page
    assert "On track</strong> 1" in page
    assert "Edit plan" not in page and "Add an outcome" not in page


def test_the_plan_page_reads_in_a_fixed_number_of_queries(
    client_for, officer, plan, outcome, action, django_assert_num_queries
):
    client = client_for(officer)
    url = reverse("plans:plan-detail", args=[plan.pk])
    client.get(url)
    one = _queries(client, url)
    for index in range(3):
        more = services.outcome_add(actor=None, plan=plan, standard="staff", text=f"O{index}")
        services.action_add(actor=None, outcome=more, text="A", lead_staff=[officer])
        services.action_review_add(
            actor=None, action=more.actions.get(), date=datetime.date(2026, 10, 1), progress="done"
        )
    with django_assert_num_queries(one):
        client.get(url)


def test_a_plan_is_added_with_the_date_input_and_edited(client_for, officer, organisation):
    client = client_for(officer)
    page = client.get(reverse("plans:plan-create")).content.decode()
    assert_date_input(page, "starts_on")
    data = {
        "organisation": organisation.pk,
        "period": "2009-10",
        "title": "CYPS action plan",
        "review_every_months": 6,
        **day("starts_on", datetime.date(2009, 4, 1)),
        **day("ends_on", datetime.date(2010, 3, 31)),
    }
    response = client.post(reverse("plans:plan-create"), data)
    plan = ActionPlan.objects.get()
    assert response.url == reverse("plans:plan-detail", args=[plan.pk])
    again = client.post(reverse("plans:plan-create"), data).content.decode()
    assert "already exists" in again
    data["title"] = "Renamed"
    client.post(reverse("plans:plan-edit", args=[plan.pk]), data)
    plan.refresh_from_db()
    assert plan.title == "Renamed"


def test_a_partner_worker_may_only_choose_their_own_organisation(
    client_for, partner_worker, other_organisation
):
    page = client_for(partner_worker).get(reverse("plans:plan-create")).content.decode()
    assert partner_worker.organisation.name in page and other_organisation.name not in page


def test_outcomes_and_actions_are_added_edited_and_deleted(client_for, officer, plan):
    client = client_for(officer)
    url = reverse("plans:outcome-add", args=[plan.pk]) + "?standard=strategy"
    assert 'value="strategy" selected' in client.get(url).content.decode()
    client.post(url, {"standard": "strategy", "number": "2.1", "text": "Plans reflect views"})
    outcome = Outcome.objects.get()
    client.post(
        reverse("plans:outcome-edit", args=[outcome.pk]),
        {"standard": "strategy", "number": "2.2", "text": "Plans reflect views"},
    )
    outcome.refresh_from_db()
    assert outcome.number == "2.2"
    response = client.post(
        reverse("plans:action-add", args=[outcome.pk]),
        {"text": "Engage C&YP\n- in the review", "lead_staff": [officer.pk], "lead_text": "JP"},
    )
    action = Action.objects.get()
    assert response.url.endswith(f"#outcome-{outcome.pk}")
    assert list(action.lead_staff.all()) == [officer]
    edit = client.get(reverse("plans:action-edit", args=[action.pk])).content.decode()
    assert_date_input(edit, "due_on")
    client.post(
        reverse("plans:action-edit", args=[action.pk]),
        {"text": action.text, "lead_text": "JP", "timescale": "April 09 – March 10"},
    )
    action.refresh_from_db()
    assert action.timescale == "April 09 – March 10"
    assert list(action.lead_staff.all()) == []
    confirm = client.get(reverse("plans:action-delete", args=[action.pk])).content.decode()
    assert "Yes, delete the action" in confirm and Action.objects.exists()
    client.post(reverse("plans:action-delete", args=[action.pk]))
    assert not Action.objects.exists()
    confirm = client.get(reverse("plans:outcome-delete", args=[outcome.pk])).content.decode()
    assert "the outcome and its actions" in confirm
    client.post(reverse("plans:outcome-delete", args=[outcome.pk]))
    assert not Outcome.objects.exists()


def test_an_action_page_records_a_review(client_for, officer, action):
    client = client_for(officer)
    page = client.get(reverse("plans:action-detail", args=[action.pk])).content.decode()
    assert "This action has not been reviewed yet." in page
    assert reverse("plans:review-add", args=[action.pk]) in page
    assert_date_input(
        client.get(reverse("plans:review-add", args=[action.pk])).content.decode(), "date"
    )
    client.post(
        reverse("plans:review-add", args=[action.pk]),
        {**day("date", datetime.date(2026, 10, 1)), "progress": "at_risk", "comment": "Late"},
    )
    action.refresh_from_db()
    assert action.progress == Progress.AT_RISK
    page = client.get(reverse("plans:action-detail", args=[action.pk])).content.decode()
    assert "Late" in page and "At risk" in page
    form = client.get(reverse("plans:review-add", args=[action.pk]))
    assert form.status_code == 200


def test_a_past_due_action_says_so(client_for, officer, action):
    services.action_update(actor=None, action=action, due_on=datetime.date(2026, 9, 1))
    page = client_for(officer).get(reverse("plans:action-detail", args=[action.pk]))
    assert "Past due" in page.content.decode()


def test_a_plan_is_deleted_only_after_confirming(client_for, officer, plan, action):
    client = client_for(officer)
    page = client.get(reverse("plans:plan-delete", args=[plan.pk])).content.decode()
    assert "Yes, delete the action plan" in page
    assert ActionPlan.objects.exists()
    response = client.post(reverse("plans:plan-delete", args=[plan.pk]))
    assert response.url == reverse("plans:plan-list")
    assert not ActionPlan.objects.exists()


@pytest.mark.parametrize("name", ["plan-edit", "plan-delete", "outcome-add"])
def test_readers_cannot_open_the_change_pages(client_for, board_member, plan, name):
    assert client_for(board_member).get(reverse(f"plans:{name}", args=[plan.pk])).status_code == 403


def test_another_organisations_worker_gets_404(client_for, make_user, other_organisation, action):
    client = client_for(make_user("partner_worker", organisation=other_organisation))
    for name, pk in (
        ("plans:action-detail", action.pk),
        ("plans:outcome-edit", action.outcome_id),
        ("plans:action-edit", action.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404


def test_actions_past_due_show_on_their_leads_home_page(
    client_for, officer, make_user, outcome, other_organisation
):
    from heard.plans import selectors

    lead = make_user("participation_lead")
    due = datetime.date(2026, 10, 1)
    late = services.action_add(
        actor=None, outcome=outcome, text="Run the pilot panel", lead_staff=[officer], due_on=due
    )
    services.action_add(
        actor=None,
        outcome=outcome,
        text="Not due yet",
        lead_staff=[officer],
        due_on=datetime.date(2026, 12, 1),
    )
    done = services.action_add(
        actor=None, outcome=outcome, text="Finished", lead_staff=[officer], due_on=due
    )
    services.action_review_add(actor=None, action=done, date=due, progress="done")
    services.action_add(
        actor=None, outcome=outcome, text="Someone else's", lead_staff=[lead], due_on=due
    )
    today = datetime.date(2026, 10, 15)
    assert selectors.actions_overdue_for(officer, today=today) == [late]
    page = client_for(officer).get(reverse("home")).content.decode()
    assert "Your action plan actions past due" in page
    assert "Run the pilot panel" in page and "Finished" not in page and "Not due yet" not in page
    assert reverse("plans:action-detail", args=[late.pk]) in page
    assert "Run the pilot panel" not in client_for(lead).get(reverse("home")).content.decode()
    board = make_user("board_member")
    assert selectors.actions_overdue_for(board, today=today) == []
    # A partner worker of another organisation named as a lead still sees nothing of this plan.
    other = make_user("partner_worker", organisation=other_organisation)
    services.action_update(actor=None, action=late, lead_staff=[officer, other])
    assert selectors.actions_overdue_for(other, today=today) == []
