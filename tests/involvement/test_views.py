"""The involvement pages: a worker records an activity and evaluations from paper; others'
records answer 404; lists run a fixed number of queries and export the same rows as CSV."""

import pytest
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.involvement.models import Evaluation, InvolvementActivity
from tests import factories
from tests.involvement.factories import ActivityFactory, EvaluationFactory

ACTIVITIES = reverse("involvement:activity-list")
EVALUATIONS = reverse("involvement:evaluation-list")
SIGNED_IN = 3


def activity_form(organisation, **extra):
    data = {
        "title": "Recruiting a <b>youth worker</b>",
        "kind": "recruitment",
        "date_day": "1",
        "date_month": "10",
        "date_year": "2026",
        "organisation": organisation.pk,
        "young_people_involved": "yes",
        "how": ["on_panel", "set_questions"],
        "young_people": "",
        "notes": "",
    }
    return data | extra


def test_a_partner_worker_records_edits_and_deletes_their_activity(
    client_for, partner_worker, organisation
):
    client = client_for(partner_worker)
    form = client.get(reverse("involvement:activity-create")).content.decode()
    assert f'<option value="{organisation.pk}" selected>' in form
    young_person = factories.YoungPersonFactory(organisation=organisation)
    data = activity_form(organisation, young_people=young_person.reference.lower())
    response = client.post(reverse("involvement:activity-create"), data)
    activity = InvolvementActivity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("involvement:activity-detail", args=[activity.pk])
    assert list(activity.young_people.all()) == [young_person]
    page = client.get(response["Location"]).content.decode()
    assert "Recruiting a &lt;b&gt;youth worker&lt;/b&gt;" in page
    assert young_person.reference in page
    assert "On the panel, Set questions" in page
    edit = reverse("involvement:activity-edit", args=[activity.pk])
    assert young_person.reference in client.get(edit).content.decode()
    response = client.post(
        edit,
        activity_form(
            organisation,
            young_people_involved="no",
            how=[],
            title="Panel",
            young_people=young_person.reference,
        ),
    )
    assert response.status_code == 200
    assert "Name no young people" in response.content.decode()
    data = activity_form(
        organisation, young_people_involved="no", how=[], young_people="", title="Panel"
    )
    assert client.post(edit, data).status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.young_people_involved, activity.how) == ("Panel", False, [])
    delete = reverse("involvement:activity-delete", args=[activity.pk])
    assert "Delete the activity" in client.get(delete).content.decode()
    assert client.post(delete)["Location"] == ACTIVITIES
    assert not InvolvementActivity.objects.exists()
    assert AuditEntry.objects.filter(event="involvement_activity.deleted").exists()


def test_an_unknown_reference_is_refused_at_its_field(client_for, officer, organisation):
    response = client_for(officer).post(
        reverse("involvement:activity-create"), activity_form(organisation, young_people="YP-NOPE")
    )
    assert "No young person you can see has the reference YP-NOPE" in response.content.decode()
    assert not InvolvementActivity.objects.exists()


def test_another_organisations_records_answer_404(client_for, partner_worker, other_organisation):
    client = client_for(partner_worker)
    activity = ActivityFactory(organisation=other_organisation)
    session = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=other_organisation)
    )
    evaluation = EvaluationFactory(session=session)
    for name in ("detail", "edit", "delete"):
        url = reverse(f"involvement:activity-{name}", args=[activity.pk])
        assert client.get(url).status_code == 404
    for name in ("edit", "delete"):
        url = reverse(f"involvement:evaluation-{name}", args=[evaluation.pk])
        assert client.get(url).status_code == 404
    for name in ("session-evaluations", "evaluation-create"):
        assert client.get(reverse(f"involvement:{name}", args=[session.pk])).status_code == 404
    assert (
        client.post(reverse("involvement:activity-delete", args=[activity.pk])).status_code == 404
    )
    assert InvolvementActivity.objects.filter(pk=activity.pk).exists()


def test_the_board_reads_activities_but_not_evaluations(client_for, board_member, activity):
    client = client_for(board_member)
    page = client.get(ACTIVITIES).content.decode()
    assert activity.title in page
    assert "Record an activity" not in page
    detail = client.get(reverse("involvement:activity-detail", args=[activity.pk]))
    assert "Edit activity" not in detail.content.decode()
    assert client.get(reverse("involvement:activity-create")).status_code == 403
    assert client.get(EVALUATIONS).status_code == 403


def test_the_activity_list_filters_shows_the_share_and_exports(
    client_for, officer, organisation, other_organisation, django_assert_num_queries
):
    client = client_for(officer)
    ActivityFactory(organisation=organisation, title="Panel one")
    ActivityFactory(organisation=other_organisation, young_people_involved=False, how=[])
    for count in (1, 3):
        for _ in range(count):
            ActivityFactory(organisation=organisation, notes="=HYPERLINK()")
        # count, page of rows, share, organisations of the filter
        with django_assert_num_queries(SIGNED_IN + 4):
            assert client.get(ACTIVITIES).status_code == 200
    page = client.get(ACTIVITIES, {"involved": "no"}).content.decode()
    assert "0 of 1" in page
    page = client.get(ACTIVITIES, {"organisation": organisation.pk, "q": "panel"}).content
    assert b"1 of 1" in page
    csv = b"".join(client.get(ACTIVITIES, {"format": "csv"}).streaming_content).decode()
    assert len(csv.splitlines()) == 1 + 6
    assert "Panel one,Recruitment,2026-10-01" in csv
    assert "'=HYPERLINK()" in csv


def test_a_worker_enters_evaluations_of_a_session_from_paper(
    client_for, officer, session, attendee
):
    client = client_for(officer)
    recent = client.get(EVALUATIONS).content.decode()
    page = reverse("involvement:session-evaluations", args=[session.pk])
    assert page in recent
    add = reverse("involvement:evaluation-create", args=[session.pk])
    assert attendee.reference in client.get(add).content.decode()
    response = client.post(
        add, {"young_person": attendee.pk, "rating": "positive", "comment": "Fun"}
    )
    assert response["Location"] == page
    assert client.post(add, {"young_person": "", "rating": "negative"}).status_code == 302
    shown = client.get(page).content.decode()
    assert "1 of 2" in shown and "Fun" in shown and "Anonymous" in shown
    assert attendee.reference not in client.get(add).content.decode()
    evaluation = Evaluation.objects.get(young_person=attendee)
    edit = reverse("involvement:evaluation-edit", args=[evaluation.pk])
    assert client.post(edit, {"rating": "neutral", "comment": "Fun"})["Location"] == page
    evaluation.refresh_from_db()
    assert evaluation.rating == "neutral"
    delete = reverse("involvement:evaluation-delete", args=[evaluation.pk])
    assert "Delete the evaluation" in client.get(delete).content.decode()
    assert client.post(delete)["Location"] == page
    assert Evaluation.objects.count() == 1


def test_the_evaluation_list_filters_and_exports(
    client_for, partner_worker, session, other_organisation, django_assert_num_queries
):
    client = client_for(partner_worker)
    other = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=other_organisation)
    )
    EvaluationFactory(session=other, comment="Not yours")
    for count in (1, 3):
        for _ in range(count):
            EvaluationFactory(session=session, rating="negative")
        # count, page of rows, share, recent sessions
        with django_assert_num_queries(SIGNED_IN + 4):
            assert client.get(EVALUATIONS).status_code == 200
    assert b"Not yours" not in client.get(EVALUATIONS, {"q": "yours"}).content
    page = client.get(EVALUATIONS, {"session": session.pk, "rating": "negative"}).content
    assert b"0 of 4" in page and b"Not yours" not in page
    csv = b"".join(client.get(EVALUATIONS, {"format": "csv"}).streaming_content).decode()
    assert csv.count("Negative") == 4 and "Not yours" not in csv


@pytest.mark.parametrize("role", ["safeguarding_lead", "theme_lead"])
def test_readers_of_sessions_read_their_evaluations(request, client_for, role, evaluation):
    client = client_for(request.getfixturevalue(role))
    page = reverse("involvement:session-evaluations", args=[evaluation.session_id])
    content = client.get(page).content.decode()
    assert evaluation.comment in content
    assert ("Add an evaluation" in content) is (role == "theme_lead")


def test_an_activitys_history_reads_its_changes(client_for, officer, activity):
    from heard.involvement import services

    services.activity_update(actor=officer, activity=activity, title="Interview panel")
    url = reverse("core:history", args=["involvement.involvementactivity", activity.pk])
    assert (
        url
        in client_for(officer)
        .get(reverse("involvement:activity-detail", args=[activity.pk]))
        .content.decode()
    )
    page = client_for(officer).get(url).content.decode()
    assert "Changed the involvement activity" in page and "Interview panel" in page


def test_a_sessions_evaluations_page_runs_a_fixed_number_of_queries(
    client_for, officer, session, count_queries
):
    client = client_for(officer)
    url = reverse("involvement:session-evaluations", args=[session.pk])
    counts = []
    for count in (1, 4):
        for _ in range(count):
            EvaluationFactory(session=session, young_person=factories.YoungPersonFactory())
        queries, response = count_queries(lambda: client.get(url))
        assert response.status_code == 200
        counts.append(queries)
    assert counts[0] == counts[1]
