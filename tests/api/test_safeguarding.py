"""The safeguarding API: concerns for safeguarding leads only (every read audited), staff checks
and training for programme staff."""

import datetime

import pytest
import time_machine

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.safeguarding.models import BackgroundCheck, Concern
from tests import factories

CONCERNS = "/api/v1/safeguarding-concerns/"
CHECKS = "/api/v1/background-checks/"
TRAINING = "/api/v1/training-records/"
SECRET = "Said they had not eaten since Friday."


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(datetime.datetime(2026, 10, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


class TestConcerns:
    def test_a_safeguarding_lead_lists_and_reads_each_read_audited(
        self, api_for, safeguarding_lead
    ):
        concern = factories.ConcernFactory(what_happened=SECRET)
        api = api_for(safeguarding_lead)
        body = api.get(CONCERNS).json()
        assert [row["reference"] for row in body["results"]] == [concern.reference]
        response = api.get(f"{CONCERNS}{concern.pk}/")
        assert response.status_code == 200 and response.json()["what_happened"] == SECRET
        reads = AuditEntry.objects.filter(action=AuditEntry.Action.READ, actor=safeguarding_lead)
        assert reads.count() == 2
        assert api.get(f"{CONCERNS}999/").status_code == 404

    @pytest.mark.parametrize(
        "role",
        [
            Role.ADMINISTRATOR,
            Role.PARTICIPATION_LEAD,
            Role.PARTICIPATION_OFFICER,
            Role.THEME_LEAD,
            Role.PARTNER_WORKER,
            Role.BOARD_MEMBER,
        ],
    )
    def test_every_other_role_is_refused_every_endpoint(self, role, make_user, api_for):
        concern = factories.ConcernFactory()
        api = api_for(make_user(role))
        assert api.get(CONCERNS).status_code == 403
        assert api.get(f"{CONCERNS}{concern.pk}/").status_code == 403
        for action, body in [
            ("assign", {"assigned_to": 1}),
            ("decide", {"decision": "police"}),
            ("close", {}),
        ]:
            assert api.post(f"{CONCERNS}{concern.pk}/{action}/", body).status_code == 403
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.READ).exists()
        concern.refresh_from_db()
        assert concern.status == Concern.Status.OPEN

    def test_bad_input_is_refused_and_changes_nothing(self, api_for, safeguarding_lead):
        concern = factories.ConcernFactory()
        api = api_for(safeguarding_lead)
        response = api.post(CONCERNS, {"what_happened": "", "happened_at": "yesterday"})
        assert response.status_code == 400
        assert {"what_happened", "happened_at", "child_told"} <= set(response.json())
        response = api.post(f"{CONCERNS}{concern.pk}/decide/", {"decision": "shrug"})
        assert response.status_code == 400
        response = api.post(
            f"{CONCERNS}{concern.pk}/decide/", {"decision": "local_authority_referral"}
        )
        assert response.status_code == 400 and "referral_date" in response.json()
        assert api.post(f"{CONCERNS}{concern.pk}/close/").status_code == 400
        concern.refresh_from_db()
        assert concern.status == Concern.Status.OPEN and Concern.objects.count() == 1


ALL_ROLES = [role for role, _ in Role.choices]


def concern_body(**extra):
    body = {
        "what_happened": SECRET,
        "happened_at": "2026-10-15T10:30:00Z",
        "who_was_present": "Me and Sam from the school.",
        "immediate_action": "Listened and wrote it down.",
        "child_told": "That I had to tell the safeguarding lead today.",
    }
    body.update(extra)
    return body


def test_the_document_describes_what_raising_and_closing_answer(api_for, safeguarding_lead):
    document = api_for(safeguarding_lead).get("/api/v1/openapi.json").json()
    raising = document["paths"][CONCERNS]["post"]["responses"]["201"]
    body = raising["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(document["components"]["schemas"][body]["properties"]) == {"reference", "message"}
    closing = document["paths"][f"{CONCERNS}{{id}}/close/"]["post"]["responses"]
    assert "400" in closing  # closing an undecided concern is refused with a 400


class TestRaising:
    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_every_role_raises_a_concern_and_gets_only_its_reference_back(
        self, role, make_user, api_for, organisation
    ):
        user = make_user(role, organisation=organisation)
        api = api_for(user)
        response = api.post(CONCERNS, concern_body(), format="json")
        assert response.status_code == 201, response.content
        concern = Concern.objects.get()
        assert concern.raised_by == user and concern.what_happened == SECRET
        body = response.json()
        assert set(body) == {"reference", "message"}
        assert body["reference"] == concern.reference
        assert SECRET not in response.content.decode()

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != Role.SAFEGUARDING_LEAD])
    def test_a_raiser_cannot_read_it_back(self, role, make_user, api_for, organisation):
        api = api_for(make_user(role, organisation=organisation))
        assert api.post(CONCERNS, concern_body(), format="json").status_code == 201
        concern = Concern.objects.get()
        assert api.get(CONCERNS).status_code == 403
        assert api.get(f"{CONCERNS}{concern.pk}/").status_code == 403
        assert api.get(f"{CONCERNS}?search={concern.reference}").status_code == 403
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.READ).exists()

    def test_a_partner_worker_names_a_young_person_of_their_own_organisation_only(
        self, partner_worker, organisation, other_organisation, api_for
    ):
        own = factories.YoungPersonFactory(organisation=organisation)
        other = factories.YoungPersonFactory(organisation=other_organisation)
        api = api_for(partner_worker)
        response = api.post(CONCERNS, concern_body(young_person=other.pk), format="json")
        assert response.status_code == 400 and "young_person" in response.json()
        response = api.post(CONCERNS, concern_body(young_person=own.pk), format="json")
        assert response.status_code == 201
        assert Concern.objects.get().young_person == own

    def test_signed_out_and_deactivated_accounts_may_not_raise(self, client, make_user, api_for):
        assert client.post(CONCERNS, concern_body()).status_code in (401, 403)
        gone = make_user(Role.PARTNER_WORKER, is_active=False)
        assert api_for(gone).post(CONCERNS, concern_body(), format="json").status_code == 403
        assert not Concern.objects.exists()

    def test_bad_input_from_a_raiser_is_a_400_never_a_500(self, partner_worker, api_for):
        api = api_for(partner_worker)
        for body in [
            {},
            concern_body(happened_at="not a time"),
            concern_body(happened_at="2099-01-01T00:00:00Z"),
            concern_body(young_person=99999999999999999999),
            concern_body(young_person="x"),
            concern_body(what_happened="x" * 10001),
        ]:
            response = api.post(CONCERNS, body, format="json")
            assert response.status_code == 400, (body, response.content)
        assert not Concern.objects.exists()

    def test_a_time_before_1900_is_refused(self, partner_worker, api_for):
        """London's clocks before 1847 were 75 s behind GMT: such a time would be answered with
        an offset that is not RFC 3339's ("-00:01:15")."""
        api = api_for(partner_worker)
        response = api.post(
            CONCERNS, concern_body(happened_at="1802-05-18T15:59:00Z"), format="json"
        )
        assert response.status_code == 400, response.content
        assert response.json()["happened_at"] == [
            "Enter a date and time from 1 January 1900 onwards."
        ]
        assert not Concern.objects.exists()


class TestTrail:
    def test_the_lead_reads_the_trail_with_values_and_that_read_is_audited(
        self, api_for, safeguarding_lead, officer, make_user
    ):
        other_lead = make_user(Role.SAFEGUARDING_LEAD, full_name="Robin Okafor")
        concern = factories.ConcernFactory(raised_by=officer)
        api = api_for(safeguarding_lead)
        response = api.post(f"{CONCERNS}{concern.pk}/assign/", {"assigned_to": other_lead.pk})
        assert response.status_code == 200
        response = api.get(f"{CONCERNS}{concern.pk}/trail/")
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 2
        read, assigned = body["results"]
        assert read["action"] == "read" and read["via"] == "api-trail"
        assert read["actor"] == safeguarding_lead.pk and read["changes"] == []
        assert assigned["actor_name"] == safeguarding_lead.full_name
        changes = {change["field"]: change for change in assigned["changes"]}
        assert changes["assigned_to"]["old"] is None
        assert changes["assigned_to"]["new"] == "Robin Okafor"
        assert (changes["status"]["old"], changes["status"]["new"]) == ("Open", "Assigned")
        assert AuditEntry.objects.filter(
            action=AuditEntry.Action.READ, metadata__via="api-trail", object_id=str(concern.pk)
        ).exists()

    def test_a_long_trail_is_paginated(self, api_for, safeguarding_lead):
        concern = factories.ConcernFactory()
        api = api_for(safeguarding_lead)
        for _ in range(3):
            api.get(f"{CONCERNS}{concern.pk}/")
        body = api.get(f"{CONCERNS}{concern.pk}/trail/?page_size=2").json()
        assert body["count"] == 4 and len(body["results"]) == 2 and body["next"]
        assert api.get(f"{CONCERNS}{concern.pk}/trail/?page=99").status_code == 404
        assert api.get(f"{CONCERNS}999/trail/").status_code == 404

    @pytest.mark.parametrize(
        "role", [role for role, _ in Role.choices if role != Role.SAFEGUARDING_LEAD]
    )
    def test_nobody_else_reads_the_trail(self, role, make_user, api_for, organisation):
        user = make_user(role, organisation=organisation)
        api = api_for(user)
        assert api.post(CONCERNS, concern_body(), format="json").status_code == 201
        concern = Concern.objects.get()
        assert api.get(f"{CONCERNS}{concern.pk}/trail/").status_code == 403
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.READ).exists()


class TestChecks:
    def test_programme_staff_create_list_and_change_checks(self, api_for, officer, make_user):
        worker = make_user(Role.PARTNER_WORKER)
        api = api_for(officer)
        response = api.post(
            CHECKS,
            {
                "staff": worker.pk,
                "certificate_number": "001234567890",
                "issued_on": "2026-01-10",
                "renewal_due": "2029-01-10",
            },
        )
        assert response.status_code == 201, response.json()
        check_id = response.json()["id"]
        assert api.get(CHECKS).json()["count"] == 1
        response = api.patch(f"{CHECKS}{check_id}/", {"renewal_due": "2029-03-01"})
        assert response.status_code == 200 and response.json()["renewal_due"] == "2029-03-01"
        response = api.post(
            TRAINING,
            {"staff": worker.pk, "course": "Child protection", "completed_on": "2026-09-01"},
        )
        assert response.status_code == 201

    def test_bad_input_is_refused(self, api_for, officer):
        api = api_for(officer)
        response = api.post(
            CHECKS,
            {
                "staff": 9999,
                "certificate_number": "12",
                "issued_on": "not a date",
                "renewal_due": "2029-01-10",
            },
        )
        assert response.status_code == 400
        assert {"staff", "issued_on"} <= set(response.json())
        response = api.post(
            CHECKS,
            {
                "staff": officer.pk,
                "certificate_number": "12",
                "issued_on": "2026-01-10",
                "renewal_due": "2025-01-10",
            },
        )
        assert response.status_code == 400 and "12 digits" in str(response.json())
        response = api.post(
            CHECKS,
            {
                "staff": officer.pk,
                "certificate_number": "001234567890",
                "issued_on": "2026-01-10",
                "renewal_due": "2025-01-10",
            },
        )
        assert response.status_code == 400 and "renewal_due" in response.json()
        assert not BackgroundCheck.objects.exists()

    @pytest.mark.parametrize("role", [Role.THEME_LEAD, Role.PARTNER_WORKER, Role.BOARD_MEMBER])
    def test_other_roles_cannot_use_checks(self, role, make_user, api_for):
        check = factories.BackgroundCheckFactory()
        api = api_for(make_user(role))
        assert api.get(CHECKS).status_code == 403
        assert api.get(f"{CHECKS}{check.pk}/").status_code == 403
        assert api.patch(f"{CHECKS}{check.pk}/", {"renewal_due": "2030-01-01"}).status_code == 403
        assert api.get(TRAINING).status_code == 403

    def test_safeguarding_leads_read_checks_but_cannot_change_them(
        self, api_for, safeguarding_lead
    ):
        check = factories.BackgroundCheckFactory()
        api = api_for(safeguarding_lead)
        assert api.get(f"{CHECKS}{check.pk}/").status_code == 200
        assert api.patch(f"{CHECKS}{check.pk}/", {"renewal_due": "2030-01-01"}).status_code == 403
