"""The involvement API: activities kept by programme staff and a partner worker for their own
organisation, read by the board; evaluations as their session's page; others' records 404."""

import datetime

import pytest
import time_machine

from heard.core.models import AuditEntry
from heard.involvement.models import Evaluation, InvolvementActivity
from tests import factories
from tests.involvement.factories import ActivityFactory, EvaluationFactory

ACTIVITIES = "/api/v1/involvement-activities/"
EVALUATIONS = "/api/v1/evaluations/"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(datetime.datetime(2026, 10, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def session(organisation):
    return factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))


@pytest.fixture
def attendee(session, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation)
    factories.AttendanceFactory(session=session, young_person=young_person)
    return young_person


def test_a_partner_worker_records_changes_and_deletes_their_activity(
    api_for, partner_worker, organisation, other_organisation
):
    api = api_for(partner_worker)
    young_person = factories.YoungPersonFactory(organisation=organisation)
    body = {
        "title": "Tender for the youth service",
        "kind": "procurement",
        "date": "2026-10-01",
        "organisation": organisation.pk,
        "young_people_involved": True,
        "how": ["scored", "on_panel"],
        "young_people": [young_person.pk],
    }
    response = api.post(ACTIVITIES, body, format="json")
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["how"] == ["on_panel", "scored"]
    assert made["young_people"] == [young_person.reference]
    assert made["young_people_count"] == 1
    refused = api.post(ACTIVITIES, body | {"organisation": other_organisation.pk}, format="json")
    assert refused.status_code == 400 and "organisation" in refused.json()
    url = f"{ACTIVITIES}{made['id']}/"
    changed = api.patch(url, {"title": "Tender"}, format="json")
    assert changed.status_code == 200 and changed.json()["title"] == "Tender"
    bad = api.patch(url, {"young_people_involved": False}, format="json")
    assert bad.status_code == 400 and "how" in bad.json()
    assert api.delete(url).status_code == 204
    assert not InvolvementActivity.objects.exists()
    assert AuditEntry.objects.filter(event="involvement_activity.deleted").count() == 1


def test_others_activities_404_and_the_board_reads_without_names(
    api_for, partner_worker, board_member, organisation, other_organisation
):
    other = ActivityFactory(organisation=other_organisation)
    own = ActivityFactory(organisation=organisation)
    own.young_people.set([factories.YoungPersonFactory(organisation=organisation)])
    api = api_for(partner_worker)
    assert [row["id"] for row in api.get(ACTIVITIES).json()["results"]] == [own.pk]
    for call in (api.get, api.patch, api.delete):
        assert call(f"{ACTIVITIES}{other.pk}/").status_code == 404
    board = api_for(board_member)
    rows = board.get(ACTIVITIES).json()["results"]
    assert {row["id"] for row in rows} == {own.pk, other.pk}
    shown = next(row for row in rows if row["id"] == own.pk)
    assert (shown["young_people"], shown["young_people_count"]) == ([], 1)
    assert board.post(ACTIVITIES, {}, format="json").status_code == 403
    assert board.delete(f"{ACTIVITIES}{own.pk}/").status_code == 403


def test_the_activity_list_filters(api_for, officer, organisation):
    ActivityFactory(organisation=organisation, title="Panel")
    ActivityFactory(organisation=organisation, young_people_involved=False, how=[])
    api = api_for(officer)
    rows = api.get(ACTIVITIES, {"involved": "no"}).json()["results"]
    assert [row["young_people_involved"] for row in rows] == [False]
    assert len(api.get(ACTIVITIES, {"q": "panel"}).json()["results"]) == 1


def test_a_worker_enters_changes_and_deletes_an_evaluation(api_for, officer, session, attendee):
    api = api_for(officer)
    body = {"session": session.pk, "young_person": attendee.pk, "rating": "positive"}
    response = api.post(EVALUATIONS, body | {"comment": "Great"}, format="json")
    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["young_person_reference"], made["source"]) == (attendee.reference, "paper")
    again = api.post(EVALUATIONS, body, format="json")
    assert again.status_code == 400 and "young_person" in again.json()
    anonymous = api.post(EVALUATIONS, {"session": session.pk, "rating": "neutral"}, format="json")
    assert anonymous.status_code == 201 and anonymous.json()["young_person"] is None
    url = f"{EVALUATIONS}{made['id']}/"
    assert api.patch(url, {"rating": "negative"}, format="json").json()["rating"] == "negative"
    assert api.delete(url).status_code == 204
    assert Evaluation.objects.count() == 1


def test_evaluations_of_anothers_sessions_404_and_the_board_reads_none(
    api_for, partner_worker, board_member, other_organisation
):
    other_session = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=other_organisation)
    )
    theirs = EvaluationFactory(session=other_session)
    api = api_for(partner_worker)
    assert api.get(EVALUATIONS).json()["results"] == []
    for call in (api.get, api.patch, api.delete):
        assert call(f"{EVALUATIONS}{theirs.pk}/").status_code == 404
    refused = api.post(
        EVALUATIONS, {"session": other_session.pk, "rating": "positive"}, format="json"
    )
    assert refused.status_code == 400 and "session" in refused.json()
    assert api_for(board_member).get(EVALUATIONS).status_code == 403
    assert Evaluation.objects.count() == 1


def test_the_lists_run_a_fixed_number_of_queries(
    api_for, partner_worker, organisation, session, django_assert_num_queries
):
    api = api_for(partner_worker)
    for count in (1, 3):
        for _ in range(count):
            activity = ActivityFactory(organisation=organisation)
            activity.young_people.set([factories.YoungPersonFactory(organisation=organisation)])
            EvaluationFactory(session=session)
        # count, page, the young people seen
        with django_assert_num_queries(3):
            assert api.get(ACTIVITIES).status_code == 200
        # count, page
        with django_assert_num_queries(2):
            assert api.get(EVALUATIONS).status_code == 200
