"""The audits API: audits with levels and kite mark decisions, deleted with DELETE, and the kite
mark register; scoped as the pages are."""

import datetime

import pytest
import time_machine

from heard.audits import services
from heard.audits.models import Audit
from heard.core.models import AuditEntry
from heard.core.standards import Standard
from tests import factories

AUDITS = "/api/v1/audits/"
KITE_MARKS = "/api/v1/kite-marks/"
TODAY = datetime.date(2026, 10, 15)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(datetime.datetime(2026, 10, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def _audit(organisation, **values):
    values.setdefault("date", TODAY - datetime.timedelta(days=10))
    return services.audit_record(actor=None, organisation=organisation, **values)


def test_an_officer_records_reads_changes_and_deletes(api_for, officer, organisation):
    young = factories.YoungPersonFactory()
    api = api_for(officer)
    body = {
        "organisation": organisation.pk,
        "service": "Youth club",
        "date": "2026-10-01",
        "young_auditors": [young.pk],
        "levels": [
            {"standard": "strategy", "level": "advanced", "evidence": "Signed."},
            {"standard": "staff", "level": "emerging"},
        ],
        "decision": "awarded",
        "expires_on": "2028-10-01",
    }
    made = api.post(AUDITS, body, format="json")
    assert made.status_code == 201, made.json()
    data = made.json()
    assert data["young_auditors"] == [young.pk]
    assert data["kite_mark_state"] == "current"
    assert [row["standard"] for row in data["levels"]] == ["strategy", "staff"]
    url = f"{AUDITS}{data['id']}/"
    changed = api.patch(url, {"decision": "not_yet", "expires_on": None, "needed": "More."})
    assert changed.status_code == 200, changed.json()
    assert changed.json()["decision"] == "not_yet"
    assert api.get(AUDITS).json()["results"][0]["id"] == data["id"]
    assert api.delete(url).status_code == 204
    assert not Audit.objects.exists()
    assert AuditEntry.objects.filter(event="audit.deleted").exists()


def test_the_input_is_checked(api_for, officer, organisation):
    api = api_for(officer)
    twice = [{"standard": "strategy", "level": "advanced"}] * 2
    response = api.post(
        AUDITS,
        {"organisation": organisation.pk, "date": "2026-10-01", "levels": twice},
        format="json",
    )
    assert response.status_code == 400
    assert "levels" in response.json()
    no_expiry = {"organisation": organisation.pk, "date": "2026-10-01", "decision": "awarded"}
    response = api.post(AUDITS, no_expiry, format="json")
    assert response.status_code == 400
    assert "expires_on" in response.json()


def test_scoped_as_the_pages_are(
    api_for, partner_worker, board_member, theme_lead, organisation, other_organisation
):
    young = factories.YoungPersonFactory()
    own = _audit(organisation, young_auditors=[young])
    other = _audit(other_organisation)
    partner = api_for(partner_worker)
    assert [row["id"] for row in partner.get(AUDITS).json()["results"]] == [own.pk]
    assert partner.get(f"{AUDITS}{other.pk}/").status_code == 404
    detail = partner.get(f"{AUDITS}{own.pk}/").json()
    assert detail["young_auditors"] is None and detail["young_auditor_count"] == 1
    assert partner.patch(f"{AUDITS}{own.pk}/", {"notes": "x"}).status_code == 403
    assert partner.delete(f"{AUDITS}{own.pk}/").status_code == 403
    board = api_for(board_member)
    assert len(board.get(AUDITS).json()["results"]) == 2
    assert board.post(AUDITS, {}, format="json").status_code == 403
    assert api_for(theme_lead).get(AUDITS).status_code == 403


def test_the_kite_mark_register_filters_renewals_due(api_for, officer, organisation):
    _audit(
        organisation,
        decision="awarded",
        expires_on=TODAY + datetime.timedelta(days=30),
        levels={Standard.STRATEGY: ("advanced", "")},
    )
    _audit(
        organisation,
        service="Library",
        decision="awarded",
        expires_on=TODAY + datetime.timedelta(days=300),
    )
    api = api_for(officer)
    rows = api.get(KITE_MARKS).json()["results"]
    assert [row["kite_mark_state"] for row in rows] == ["due", "current"]
    due = api.get(KITE_MARKS, {"state": "due"}).json()["results"]
    assert [row["service"] for row in due] == [""]


REVIEWS = "/api/v1/provision-reviews/"
RECOMMENDATIONS = "/api/v1/recommendations/"


def test_reviews_recommendations_responses_and_revisits(
    api_for, officer, partner_worker, make_user, organisation, other_organisation
):
    api = api_for(officer)
    made = api.post(
        REVIEWS,
        {
            "provider": organisation.pk,
            "visit_date": "2026-09-01",
            "findings": "Friendly.",
            "recommendations": ["Open later.", "A quiet room."],
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    review = made.json()
    assert [r["text"] for r in review["recommendations"]] == ["Open later.", "A quiet room."]
    first, second = (r["id"] for r in review["recommendations"])
    added = api.post(RECOMMENDATIONS, {"review": review["id"], "text": "Posters."})
    assert added.status_code == 201
    assert api.patch(f"{RECOMMENDATIONS}{added.json()['id']}/", {"text": "More"}).status_code == 200
    refused = api.patch(f"{REVIEWS}{review['id']}/", {"recommendations": ["x"]}, format="json")
    assert refused.status_code == 400
    # The provider's own staff respond; another organisation's get 404, programme staff 403.
    partner = api_for(partner_worker)
    answered = partner.post(f"{RECOMMENDATIONS}{first}/respond/", {"response": "Done."})
    assert answered.status_code == 200 and answered.json()["response"] == "Done."
    stranger = api_for(make_user("partner_worker", organisation=other_organisation))
    assert stranger.post(f"{RECOMMENDATIONS}{first}/respond/", {"response": "x"}).status_code == 404
    assert stranger.get(f"{REVIEWS}{review['id']}/").status_code == 404
    assert api.post(f"{RECOMMENDATIONS}{first}/respond/", {"response": "x"}).status_code == 403
    checked = api.post(f"{RECOMMENDATIONS}{second}/revisit/", {"outcome": "not_acted_on"})
    assert checked.status_code == 200
    assert (
        partner.post(f"{RECOMMENDATIONS}{second}/revisit/", {"outcome": "acted_on"}).status_code
        == 403
    )
    not_acted = api.get(RECOMMENDATIONS, {"outcome": "not_acted_on"}).json()["results"]
    assert [row["id"] for row in not_acted] == [second]
    listed = api.get(REVIEWS).json()["results"]
    assert listed[0]["not_acted_on_count"] == 1
    assert partner.get(f"{REVIEWS}{review['id']}/").json()["reviewers"] is None
    assert api.delete(f"{REVIEWS}{review['id']}/").status_code == 204


COURSES = "/api/v1/young-people-courses/"
TRAINED = "/api/v1/trained-young-people/"


def test_courses_and_the_trained_list(api_for, officer, partner_worker, board_member, organisation):
    own = factories.YoungPersonFactory(organisation=organisation)
    other = factories.YoungPersonFactory()
    api = api_for(officer)
    made = api.post(
        COURSES,
        {
            "title": "Auditing",
            "kind": "young_auditor",
            "date": "2026-09-01",
            "valid_for_months": 12,
            "attendees": [own.pk, other.pk],
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    course = made.json()
    assert course["valid_until"] == "2027-09-01" and course["attendee_count"] == 2
    url = f"{COURSES}{course['id']}/"
    assert api.patch(url, {"valid_for_months": 1}).json()["valid_until"] == "2026-10-01"
    assert [
        r["young_person"] for r in api.get(TRAINED, {"state": "current"}).json()["results"]
    ] == []
    api.patch(url, {"valid_for_months": 24})
    assert len(api.get(TRAINED, {"state": "current"}).json()["results"]) == 2
    partner = api_for(partner_worker)
    rows = partner.get(TRAINED).json()["results"]
    assert [row["young_person_reference"] for row in rows] == [own.reference]
    assert partner.get(COURSES).status_code == 200
    assert partner.post(COURSES, {}, format="json").status_code == 403
    assert api_for(board_member).get(TRAINED).status_code == 403
    assert api.delete(url).status_code == 204
