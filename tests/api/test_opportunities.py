"""The opportunities API: opportunities kept by programme staff and a partner worker for their
own organisation, read by the board; sign-ups made and withdrawn by staff, turned into
attendance; others' records 404; bad input 400 with a message per field."""

import datetime

import pytest
import time_machine

from heard.core.models import AuditEntry
from heard.opportunities.models import Opportunity, SignUp
from heard.participation.models import Attendance
from tests import factories
from tests.opportunities.factories import OpportunityFactory, SignUpFactory

OPPORTUNITIES = "/api/v1/opportunities/"
SIGN_UPS = "/api/v1/opportunity-sign-ups/"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC), tick=False):
        yield


def body(organisation, **extra):
    return {
        "title": "Short-notice focus group",
        "kind": "focus_group",
        "description": "Tell the health team about waiting rooms.",
        "organisation": organisation.pk,
        "starts_at": "2026-11-05T16:00:00Z",
        "ends_at": "2026-11-05T17:30:00Z",
        "closes_on": "2026-11-04",
        "place": "Library",
        "accessibility": "Quiet room",
        "places": 6,
        "age_bands": ["14_15"],
        "areas": ["Ely"],
        "status": "published",
    } | extra


def test_a_partner_worker_adds_changes_and_deletes_their_opportunity(
    api_for, partner_worker, organisation, other_organisation
):
    api = api_for(partner_worker)
    response = api.post(OPPORTUNITIES, body(organisation), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["taken"], data["age_bands"], data["areas"]) == (0, ["14_15"], ["Ely"])
    url = f"{OPPORTUNITIES}{data['id']}/"
    assert api.patch(url, {"places": 2}, format="json").json()["places"] == 2
    refused = api.post(OPPORTUNITIES, body(other_organisation), format="json")
    assert refused.status_code == 400
    assert "organisation" in refused.json()
    assert api.delete(url).status_code == 204
    assert not Opportunity.objects.exists()
    assert AuditEntry.objects.filter(event="opportunity.deleted").exists()


def test_bad_input_is_refused_with_a_message_per_field(api_for, officer, organisation):
    api = api_for(officer)
    response = api.post(
        OPPORTUNITIES,
        body(organisation, closes_on="2026-11-09", place="", places=0, kind="party"),
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"kind", "places"}
    response = api.post(
        OPPORTUNITIES, body(organisation, closes_on="2026-11-09", place=""), format="json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["closes_on"] == ["The closing date must be on or before the day it starts."]
    assert errors["place"] == ["Say where it is: a place, online, or both."]


def test_others_records_are_not_found_and_readers_cannot_write(
    api_for, partner_worker, board_member, other_organisation, organisation
):
    theirs = OpportunityFactory(organisation=other_organisation)
    sign_up = SignUpFactory(opportunity=theirs)
    api = api_for(partner_worker)
    assert api.get(f"{OPPORTUNITIES}{theirs.pk}/").status_code == 404
    assert api.get(f"{SIGN_UPS}{sign_up.pk}/").status_code == 404
    assert api.post(f"{SIGN_UPS}{sign_up.pk}/withdraw/").status_code == 404
    assert api.get(OPPORTUNITIES).json()["count"] == 0
    board = api_for(board_member)
    assert board.get(OPPORTUNITIES).json()["count"] == 1
    assert board.get(SIGN_UPS).status_code == 403
    assert board.post(OPPORTUNITIES, body(organisation), format="json").status_code == 403


def test_staff_sign_up_withdraw_and_turn_sign_ups_into_attendance(
    api_for, partner_worker, organisation
):
    opportunity = OpportunityFactory(organisation=organisation)
    person = factories.YoungPersonFactory(organisation=organisation)
    api = api_for(partner_worker)
    response = api.post(
        SIGN_UPS, {"opportunity": opportunity.pk, "young_person": person.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["how"], made["young_person_reference"]) == ("worker", person.reference)
    again = api.post(
        SIGN_UPS, {"opportunity": opportunity.pk, "young_person": person.pk}, format="json"
    )
    assert again.json() == {"young_person": ["This young person has already signed up."]}
    other = SignUpFactory(opportunity=opportunity)
    withdrawn = api.post(f"{SIGN_UPS}{other.pk}/withdraw/")
    assert withdrawn.json()["status"] == "withdrawn"
    assert api.post(f"{SIGN_UPS}{other.pk}/withdraw/").status_code == 400
    attendance = f"{OPPORTUNITIES}{opportunity.pk}/attendance/"
    missing = api.post(attendance, {"sign_ups": [made["id"]]}, format="json")
    assert missing.json() == {
        "session": ["Choose an existing session or give the new session's details."]
    }
    response = api.post(
        attendance,
        {
            "sign_ups": [made["id"]],
            "new_session": {
                "date": "2026-10-31",
                "kind": "consultation",
                "degree": "consulted_informed",
                "participation_type": "public",
            },
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["sign_ups"][0]["status"] == "attended"
    assert Attendance.objects.get(session_id=data["session"]).young_person == person
    assert SignUp.objects.get(pk=made["id"]).session_id == data["session"]


def test_a_start_before_1900_is_refused_not_answered_with_an_invalid_time(
    api_for, partner_worker, organisation
):
    """The fuzzing's find: London's clocks before 1847 were 75 s behind GMT, so a start in 1802
    came back as "1802-05-18T15:57:43-00:01:15", which is not an RFC 3339 date-time."""
    api = api_for(partner_worker)
    for field in ("starts_at", "ends_at"):
        early = {field: "1802-05-18T15:59:00Z"}
        if field == "ends_at":
            early["starts_at"] = "1802-05-18T15:00:00Z"
        response = api.post(OPPORTUNITIES, body(organisation, **early), format="json")
        assert response.status_code == 400, response.content
        assert response.json()[field] == ["Enter a date and time from 1 January 1900 onwards."]
    assert not Opportunity.objects.exists()
