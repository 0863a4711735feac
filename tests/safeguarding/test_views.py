"""Safeguarding pages: a worker raises a concern and can no longer open it; only safeguarding
leads read concerns (every read audited); staff checks for programme staff."""

import datetime

import pytest
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.participation.models import Degree, Method, ParticipationType, Session
from heard.safeguarding.models import Concern
from tests import factories

from .conftest import NOW, TODAY

RAISE = reverse("safeguarding:concern-raise")
RAISED = reverse("safeguarding:concern-raised")
LIST = reverse("safeguarding:concern-list")
CHECKS = reverse("safeguarding:check-list")
CHECKS_DUE = reverse("safeguarding:checks-due")
TRAINING = reverse("safeguarding:training-list")
HOME = reverse("home")
SECRET = "Told me their stepdad locks them in their room."

NOT_LEADS = [
    Role.ADMINISTRATOR,
    Role.PARTICIPATION_LEAD,
    Role.PARTICIPATION_OFFICER,
    Role.THEME_LEAD,
    Role.PARTNER_WORKER,
    Role.BOARD_MEMBER,
]


def concern_form(**extra):
    data = {
        "what_happened": SECRET,
        "happened_on": "2026-10-15",
        "happened_time": "10:30",
        "who_was_present": "Me and Sam from the school.",
        "immediate_action": "Listened and wrote it down.",
        "child_told": "That I had to tell the safeguarding lead today.",
    }
    data.update(extra)
    return data


def concern_urls(concern):
    return [
        reverse(f"safeguarding:concern-{name}", args=[concern.pk])
        for name in ("detail", "assign", "decide", "close")
    ]


class TestRaising:
    def test_a_time_before_1900_is_refused_at_its_date(self, client_for, partner_worker):
        response = client_for(partner_worker).post(RAISE, concern_form(happened_on="1802-05-18"))
        assert response.status_code == 200
        assert response.context["form"].errors["happened_on"] == [
            "Enter a date and time from 1 January 1900 onwards."
        ]
        assert not Concern.objects.exists()

    def test_a_worker_raises_a_concern_and_then_cannot_open_it(
        self, client_for, partner_worker, organisation
    ):
        young_person = factories.YoungPersonFactory(organisation=organisation)
        client = client_for(partner_worker)
        page = client.get(reverse("people:young-person-detail", args=[young_person.pk]))
        assert f"{RAISE}?young_person={young_person.pk}" in page.content.decode()
        response = client.post(
            f"{RAISE}?young_person={young_person.pk}", concern_form(young_person=young_person.pk)
        )
        assert response.status_code == 302 and response["Location"] == RAISED
        concern = Concern.objects.get()
        assert concern.young_person == young_person and concern.raised_by == partner_worker
        thanks = client.get(RAISED).content.decode()
        assert concern.reference in thanks and "What happens next" in thanks
        assert SECRET not in thanks
        for url in [LIST, *concern_urls(concern)]:
            assert client.get(url).status_code == 403, url
        assert client.get(RAISED).status_code == 302  # the thank-you page shows once
        assert SECRET not in str(AuditEntry.objects.values_list("changes", flat=True))

    def test_raising_from_a_session_page(self, client_for, officer):
        session = factories.SessionFactory()
        client = client_for(officer)
        from_session = reverse("participation:concern-raise", args=[session.pk])
        # The session page's link (its old address) leads to participation's page, a POST too.
        for method in (client.get, client.post):
            moved = method(f"{RAISE}?session={session.pk}")
            assert moved.status_code == 307 and moved["Location"] == from_session
        page = client.get(from_session).content.decode()
        assert str(session) in page
        response = client.post(from_session, concern_form())
        assert response.status_code == 302 and response["Location"] == RAISED
        assert Concern.objects.get().session_link.session == session
        assert client.get(reverse("safeguarding:concern-detail", args=[1])).status_code == 403

    def test_missing_fields_and_an_unknown_reference_get_clear_errors(self, client_for, officer):
        response = client_for(officer).post(
            RAISE,
            concern_form(what_happened="", happened_time="", young_person_reference="YP-NOPE99"),
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "No young person you can see has that reference" in page
        assert "There is a problem" in page
        assert not Concern.objects.exists()

    def test_a_partner_worker_cannot_raise_from_another_organisations_session(
        self, client_for, partner_worker, other_organisation
    ):
        session = factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=other_organisation)
        )
        url = reverse("participation:concern-raise", args=[session.pk])
        assert client_for(partner_worker).get(url).status_code == 404
        assert client_for(partner_worker).post(url, concern_form()).status_code == 404
        assert not Concern.objects.exists()


class TestLeadsOnly:
    def test_a_safeguarding_lead_lists_opens_and_handles_it_each_read_audited(
        self, client_for, safeguarding_lead, officer
    ):
        concern = factories.ConcernFactory(what_happened=SECRET, raised_by=officer)
        client = client_for(safeguarding_lead)
        page = client.get(LIST).content.decode()
        assert concern.reference in page and SECRET not in page
        reads = AuditEntry.objects.filter(action=AuditEntry.Action.READ)
        assert reads.filter(object_id=str(concern.pk), metadata__via="list").count() == 1
        detail = client.get(reverse("safeguarding:concern-detail", args=[concern.pk]))
        assert detail.status_code == 200 and SECRET in detail.content.decode()
        assert reads.filter(metadata__via="page", actor=safeguarding_lead).count() == 1
        csv = client.get(LIST, {"format": "csv"})
        assert concern.reference in b"".join(csv.streaming_content).decode()
        assert reads.filter(metadata__via="csv").count() == 1

        assign, decide, close = concern_urls(concern)[1:]
        assert client.post(assign, {"assigned_to": safeguarding_lead.pk}).status_code == 302
        response = client.post(decide, {"decision": "local_authority_referral"})
        assert "Enter the date of the referral" in response.content.decode()
        response = client.post(
            decide,
            {
                "decision": "local_authority_referral",
                "referral_date": "2026-10-15",
                "referral_reference": "MASH-1",
            },
        )
        assert response.status_code == 302
        assert "Close concern" in client.get(close).content.decode()  # confirmation first
        assert client.post(close).status_code == 302
        concern.refresh_from_db()
        assert concern.status == Concern.Status.CLOSED

    @pytest.mark.parametrize("role", NOT_LEADS)
    def test_everyone_else_is_refused_every_page(self, role, make_user, client_for):
        concern = factories.ConcernFactory()
        client = client_for(make_user(role))
        for url in [LIST, f"{LIST}?format=csv", *concern_urls(concern)]:
            assert client.get(url).status_code == 403, url
        for url in concern_urls(concern)[1:]:
            assert client.post(url, {"decision": "police"}).status_code == 403, url
        concern.refresh_from_db()
        assert concern.status == Concern.Status.OPEN
        assert "Safeguarding concerns" not in client.get(HOME).content.decode()
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.READ).exists()

    def test_signed_out_visitors_are_sent_to_sign_in(self, client, db):
        concern = factories.ConcernFactory()
        for url in [RAISE, LIST, *concern_urls(concern)]:
            assert client.get(url)["Location"].startswith(reverse("core:sign-in")), url

    def test_concerns_waiting_over_24_hours_are_flagged_to_every_lead(self, client_for, make_user):
        old = factories.ConcernFactory()
        Concern.objects.filter(pk=old.pk).update(created_at=NOW - datetime.timedelta(hours=30))
        factories.ConcernFactory()
        for lead in (make_user(Role.SAFEGUARDING_LEAD), make_user(Role.SAFEGUARDING_LEAD)):
            client = client_for(lead)
            home = client.get(HOME).content.decode()
            assert "1 safeguarding concern has waited more than 24 hours" in home
            assert old.reference in home
            assert "waited more than 24 hours" in client.get(LIST).content.decode()
        home = client_for(make_user(Role.PARTICIPATION_LEAD)).get(HOME).content.decode()
        assert old.reference not in home

    def test_list_runs_a_fixed_number_of_queries(
        self, client_for, safeguarding_lead, count_queries
    ):
        client = client_for(safeguarding_lead)
        factories.ConcernFactory.create_batch(2)
        few, response = count_queries(lambda: client.get(LIST))
        assert len(response.context["object_list"]) == 2
        factories.ConcernFactory.create_batch(8, assigned_to=safeguarding_lead)
        many, response = count_queries(lambda: client.get(LIST))
        assert len(response.context["object_list"]) == 10
        assert few == many

    def test_navigation_shows_safeguarding_to_leads_only(
        self, client_for, safeguarding_lead, officer
    ):
        assert LIST in client_for(safeguarding_lead).get(HOME).content.decode()
        page = client_for(officer).get(HOME).content.decode()
        assert LIST not in page and CHECKS in page


class TestStaffChecks:
    def test_programme_staff_record_and_list_checks(self, client_for, officer, make_user):
        worker = make_user(Role.PARTNER_WORKER, full_name="Kit Partner")
        client = client_for(officer)
        response = client.post(
            reverse("safeguarding:check-create"),
            {
                "staff": worker.pk,
                "kind": "enhanced_dbs",
                "certificate_number": "001234567890",
                "issued_on": "2026-01-10",
                "renewal_due": "2026-11-01",
            },
        )
        assert response.status_code == 302
        page = client.get(CHECKS).content.decode()
        assert "Kit Partner" in page and "001234567890" in page
        due = client.get(CHECKS_DUE).content.decode()
        assert "Kit Partner" in due
        csv = b"".join(client.get(CHECKS, {"format": "csv"}).streaming_content).decode()
        assert "001234567890" in csv

    def test_bad_input_gets_clear_errors(self, client_for, officer):
        response = client_for(officer).post(
            reverse("safeguarding:check-create"),
            {
                "staff": officer.pk,
                "kind": "enhanced_dbs",
                "certificate_number": "12",
                "issued_on": "2026-01-10",
                "renewal_due": "2025-01-10",
            },
        )
        page = response.content.decode()
        assert "12 digits" in page and "renewal date must be after" in page

    def test_edit_and_training(self, client_for, officer):
        check = factories.BackgroundCheckFactory(staff=officer)
        client = client_for(officer)
        url = reverse("safeguarding:check-edit", args=[check.pk])
        form = {
            "staff": officer.pk,
            "kind": check.kind,
            "certificate_number": check.certificate_number,
            "issued_on": "2024-01-15",
            "renewal_due": "2029-06-01",
        }
        assert client.post(url, form).status_code == 302
        check.refresh_from_db()
        assert check.renewal_due == datetime.date(2029, 6, 1)
        response = client.post(
            reverse("safeguarding:training-create"),
            {"staff": officer.pk, "course": "Child protection", "completed_on": "2026-09-01"},
        )
        assert response.status_code == 302
        assert "Child protection" in client.get(TRAINING).content.decode()

    @pytest.mark.parametrize("role", [Role.THEME_LEAD, Role.PARTNER_WORKER, Role.BOARD_MEMBER])
    def test_other_roles_cannot_see_staff_checks(self, role, make_user, client_for):
        check = factories.BackgroundCheckFactory()
        client = client_for(make_user(role))
        for url in [
            CHECKS,
            CHECKS_DUE,
            TRAINING,
            reverse("safeguarding:check-create"),
            reverse("safeguarding:check-edit", args=[check.pk]),
        ]:
            assert client.get(url).status_code in (403, 404), url

    def test_safeguarding_leads_read_but_do_not_edit(self, client_for, safeguarding_lead):
        check = factories.BackgroundCheckFactory()
        client = client_for(safeguarding_lead)
        assert client.get(CHECKS).status_code == 200
        assert client.get(reverse("safeguarding:check-edit", args=[check.pk])).status_code == 403

    def test_checks_list_runs_a_fixed_number_of_queries(self, client_for, officer, count_queries):
        client = client_for(officer)
        factories.BackgroundCheckFactory.create_batch(2)
        few, _ = count_queries(lambda: client.get(CHECKS))
        factories.BackgroundCheckFactory.create_batch(8)
        many, response = count_queries(lambda: client.get(CHECKS))
        assert len(response.context["object_list"]) == 10 and few == many


class TestSessionForm:
    def test_logging_a_session_with_an_unchecked_member_of_staff_says_why(
        self, client_for, officer, make_user
    ):
        helper = make_user(Role.PARTICIPATION_OFFICER, full_name="Robin Page")
        group = factories.GroupFactory()
        response = client_for(officer).post(
            f"{reverse('participation:session-create')}?group={group.pk}",
            {
                "date": TODAY.isoformat(),
                "kind": Session.Kind.GROUP_SESSION,
                "degree": Degree.CYP_INITIATED_SHARED,
                "participation_type": ParticipationType.PUBLIC,
                "standards": ["strategy"],
                "methods": [str(Method.objects.get(name="Discussion").pk)],
                "staff_present": [str(helper.pk)],
            },
        )
        assert response.status_code == 200
        assert "Robin Page has no current enhanced DBS check recorded" in (
            response.content.decode()
        )
        assert not Session.objects.exists()
