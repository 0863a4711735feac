"""Safeguarding services: concerns (raise, assign, decide, close; audited without their text),
staff background checks and training, and the background-check rule of the participation log."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.participation import services as participation_services
from heard.participation.models import Degree, ParticipationType, Session
from heard.safeguarding import selectors, services
from heard.safeguarding.models import BackgroundCheck, Concern
from tests import factories

from .conftest import NOW, TODAY

SECRET = "Said their uncle hits them when he has been drinking."


def raise_concern(actor, **kwargs):
    values = {
        "what_happened": SECRET,
        "happened_at": NOW - datetime.timedelta(hours=2),
        "who_was_present": "Me and the group's other youth worker.",
        "immediate_action": "Listened, wrote it down in their words.",
        "child_told": "That I would tell the safeguarding lead today.",
    }
    values.update(kwargs)
    return services.concern_raise(actor=actor, **values)


def audit_text():
    return json.dumps(list(AuditEntry.objects.values("object_label", "changes")))


class TestRaise:
    def test_any_staff_member_raises_a_concern_and_the_audit_holds_no_text(self, officer):
        young_person = factories.YoungPersonFactory()
        concern = raise_concern(officer, young_person=young_person)
        assert concern.status == Concern.Status.OPEN
        assert concern.raised_by == officer
        entry = AuditEntry.objects.get(object_type="safeguarding.concern")
        assert entry.action == AuditEntry.Action.CREATE
        assert "what_happened" in entry.changes and "young_person" in entry.changes
        assert "uncle" not in audit_text() and "Listened" not in audit_text()
        assert str(concern) == f"Concern {concern.reference}"

    def test_a_partner_worker_cannot_name_another_organisations_young_person(
        self, partner_worker, other_organisation
    ):
        other = factories.YoungPersonFactory(organisation=other_organisation)
        with pytest.raises(ValidationError) as excinfo:
            raise_concern(partner_worker, young_person=other)
        assert "young_person" in excinfo.value.message_dict
        assert not Concern.objects.exists()

    def test_missing_text_future_time_and_over_long_text_are_refused(self, officer):
        with pytest.raises(ValidationError) as excinfo:
            raise_concern(
                officer,
                what_happened="",
                child_told="x" * 5001,
                happened_at=NOW + datetime.timedelta(hours=1),
            )
        assert {"what_happened", "child_told", "happened_at"} <= set(excinfo.value.message_dict)
        assert not Concern.objects.exists() and not AuditEntry.objects.exists()

    def test_signed_out_users_cannot_raise(self, db):
        from django.contrib.auth.models import AnonymousUser

        with pytest.raises(PermissionDenied):
            raise_concern(AnonymousUser())


class TestHandling:
    def test_a_lead_assigns_decides_and_closes_audited_without_values(
        self, officer, safeguarding_lead
    ):
        concern = raise_concern(officer)
        concern = services.concern_assign(
            actor=safeguarding_lead, concern=concern, assigned_to=safeguarding_lead
        )
        assert concern.status == Concern.Status.ASSIGNED and concern.assigned_at == NOW
        concern = services.concern_decide(
            actor=safeguarding_lead,
            concern=concern,
            decision=Concern.Decision.LOCAL_AUTHORITY_REFERRAL,
            referral_date=TODAY,
            referral_reference="MASH-2026-0099",
            decision_notes="Referred to the MASH by phone.",
        )
        assert concern.status == Concern.Status.DECIDED
        concern = services.concern_close(actor=safeguarding_lead, concern=concern)
        assert concern.status == Concern.Status.CLOSED and concern.closed_at == NOW
        updates = AuditEntry.objects.filter(
            object_type="safeguarding.concern", action=AuditEntry.Action.UPDATE
        )
        assert updates.count() == 3
        assert "decision" in updates.get(changes__has_key="referral_reference").changes
        text = audit_text()
        assert "MASH-2026-0099" not in text and "phone" not in text and "uncle" not in text
        assert "local_authority_referral" not in text

    def test_a_referral_needs_its_date_and_reference(self, officer, safeguarding_lead):
        concern = raise_concern(officer)
        with pytest.raises(ValidationError) as excinfo:
            services.concern_decide(
                actor=safeguarding_lead,
                concern=concern,
                decision=Concern.Decision.LOCAL_AUTHORITY_REFERRAL,
            )
        assert {"referral_date", "referral_reference"} <= set(excinfo.value.message_dict)
        concern.refresh_from_db()
        assert concern.status == Concern.Status.OPEN and concern.decision == ""

    def test_unknown_decision_and_closing_undecided_are_refused(self, officer, safeguarding_lead):
        concern = raise_concern(officer)
        with pytest.raises(ValidationError):
            services.concern_decide(actor=safeguarding_lead, concern=concern, decision="shrug")
        with pytest.raises(ValidationError) as excinfo:
            services.concern_close(actor=safeguarding_lead, concern=concern)
        assert "Record the decision" in excinfo.value.message_dict["decision"][0]

    def test_only_an_active_safeguarding_lead_can_be_assigned(
        self, officer, safeguarding_lead, lead
    ):
        concern = raise_concern(officer)
        with pytest.raises(ValidationError) as excinfo:
            services.concern_assign(actor=safeguarding_lead, concern=concern, assigned_to=lead)
        assert excinfo.value.message_dict["assigned_to"] == ["Choose an active safeguarding lead."]

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
    def test_nobody_but_a_safeguarding_lead_reads_or_handles_a_concern(
        self, role, make_user, safeguarding_lead
    ):
        user = make_user(role)
        concern = raise_concern(user)
        with pytest.raises(PermissionDenied):
            services.concern_read(actor=user, pk=concern.pk)
        with pytest.raises(PermissionDenied):
            services.concern_assign(actor=user, concern=concern, assigned_to=safeguarding_lead)
        with pytest.raises(PermissionDenied):
            services.concern_decide(
                actor=user, concern=concern, decision=Concern.Decision.NO_FURTHER_ACTION
            )
        with pytest.raises(PermissionDenied):
            services.concern_close(actor=user, concern=concern)
        assert list(selectors.concerns_visible_to(user)) == []

    def test_reading_is_audited(self, officer, safeguarding_lead):
        concern = raise_concern(officer)
        assert services.concern_read(actor=safeguarding_lead, pk=concern.pk) == concern
        entry = AuditEntry.objects.get(action=AuditEntry.Action.READ)
        assert entry.actor == safeguarding_lead
        assert entry.object_id == str(concern.pk)


class TestWaiting:
    def test_undecided_concerns_older_than_24_hours_are_flagged(self, officer, safeguarding_lead):
        old = factories.ConcernFactory()
        assigned = factories.ConcernFactory(status=Concern.Status.ASSIGNED)
        decided = factories.ConcernFactory(
            status=Concern.Status.DECIDED, decision=Concern.Decision.ADVICE_GIVEN
        )
        fresh = factories.ConcernFactory()
        day_and_a_bit = NOW - datetime.timedelta(hours=25)
        Concern.objects.filter(pk__in=[old.pk, assigned.pk, decided.pk]).update(
            created_at=day_and_a_bit
        )
        Concern.objects.filter(pk=fresh.pk).update(created_at=NOW - datetime.timedelta(hours=23))
        waiting = selectors.concerns_waiting(user=safeguarding_lead, now=NOW)
        assert {c.pk for c in waiting} == {old.pk, assigned.pk}
        assert selectors.concerns_waiting(user=officer, now=NOW) == []


class TestBackgroundChecks:
    def test_programme_staff_record_a_check_audited(self, officer, make_user):
        worker = make_user(Role.PARTNER_WORKER)
        check = services.background_check_record(
            actor=officer,
            staff=worker,
            certificate_number="0012 3456 7890",
            issued_on=datetime.date(2026, 1, 10),
            renewal_due=datetime.date(2029, 1, 10),
        )
        assert check.certificate_number == "001234567890"
        entry = AuditEntry.objects.get(object_type="safeguarding.backgroundcheck")
        assert entry.changes["staff"] == [None, worker.pk]

    def test_bad_number_and_dates_are_refused(self, officer):
        with pytest.raises(ValidationError) as excinfo:
            services.background_check_record(
                actor=officer,
                staff=officer,
                certificate_number="12AB",
                issued_on=datetime.date(2026, 1, 10),
                renewal_due=datetime.date(2025, 1, 10),
            )
        assert {"certificate_number", "renewal_due"} <= set(excinfo.value.message_dict)
        assert not BackgroundCheck.objects.exists()

    @pytest.mark.parametrize(
        "role", [Role.THEME_LEAD, Role.PARTNER_WORKER, Role.BOARD_MEMBER, Role.SAFEGUARDING_LEAD]
    )
    def test_only_programme_staff_keep_checks(self, role, make_user):
        user = make_user(role)
        with pytest.raises(PermissionDenied):
            services.background_check_record(
                actor=user,
                staff=user,
                certificate_number="001234567890",
                issued_on=datetime.date(2026, 1, 10),
                renewal_due=datetime.date(2029, 1, 10),
            )

    def test_update_and_training(self, officer):
        check = factories.BackgroundCheckFactory(staff=officer)
        services.background_check_update(
            actor=officer, check=check, renewal_due=datetime.date(2029, 6, 1)
        )
        check.refresh_from_db()
        assert check.renewal_due == datetime.date(2029, 6, 1)
        record = services.training_record_add(
            actor=officer,
            staff=officer,
            course="Child protection training",
            completed_on=datetime.date(2026, 9, 1),
        )
        with pytest.raises(ValidationError):
            services.training_record_update(
                actor=officer, record=record, completed_on=datetime.date(2027, 1, 1)
            )
        with pytest.raises(TypeError):
            services.training_record_update(actor=officer, record=record, colour="red")

    def test_checks_due_within_30_days_and_staff_without_a_check(self, officer, make_user):
        soon = factories.BackgroundCheckFactory(renewal_due=TODAY + datetime.timedelta(days=30))
        expired = factories.BackgroundCheckFactory(renewal_due=TODAY - datetime.timedelta(days=1))
        factories.BackgroundCheckFactory(renewal_due=TODAY + datetime.timedelta(days=31))
        renewed = factories.BackgroundCheckFactory(renewal_due=TODAY + datetime.timedelta(days=5))
        factories.BackgroundCheckFactory(staff=renewed.staff)  # renewed: not due any more
        board = make_user(Role.BOARD_MEMBER)
        due = selectors.checks_due(user=officer, today=TODAY)
        assert [c.pk for c in due] == [expired.pk, soon.pk]
        # The home page's count of them, from the database, is the list's length.
        assert selectors.checks_due_count(user=officer, today=TODAY) == 2
        assert selectors.checks_due_count(user=board, today=TODAY) == 0
        without = set(selectors.staff_without_current_check(user=officer, today=TODAY))
        assert officer in without and expired.staff in without
        assert board not in without and soon.staff not in without


def log(actor, **kwargs):
    values = {
        "date": datetime.date(2026, 10, 1),
        "kind": Session.Kind.VISIT,
        "degree": Degree.ADULT_INITIATED_SHARED,
        "participation_type": ParticipationType.PUBLIC,
        "group": factories.GroupFactory(),
    }
    values.update(kwargs)
    return participation_services.session_log(actor=actor, **values)


class TestSessionRule:
    def test_staff_without_a_current_check_cannot_be_recorded_present_and_the_error_says_why(
        self, officer, make_user
    ):
        helper = make_user(Role.PARTICIPATION_OFFICER, full_name="Robin Page")
        factories.BackgroundCheckFactory(staff=officer)
        with pytest.raises(ValidationError) as excinfo:
            log(officer, staff_present=[officer, helper])
        messages = excinfo.value.message_dict["staff_present"]
        assert len(messages) == 1
        assert messages[0].startswith(
            "Robin Page has no current enhanced DBS check recorded for 1 October 2026"
        )
        assert not Session.objects.exists()

    def test_an_expired_check_or_one_issued_after_the_session_does_not_count(
        self, officer, make_user
    ):
        lapsed = make_user(Role.PARTICIPATION_OFFICER, full_name="Lapsed")
        late = make_user(Role.PARTICIPATION_OFFICER, full_name="Late")
        factories.BackgroundCheckFactory(staff=lapsed, renewal_due=datetime.date(2026, 9, 30))
        factories.BackgroundCheckFactory(staff=late, issued_on=datetime.date(2026, 10, 2))
        with pytest.raises(ValidationError) as excinfo:
            log(officer, staff_present=[lapsed, late])
        assert len(excinfo.value.message_dict["staff_present"]) == 2

    def test_staff_with_a_current_check_are_recorded(self, officer):
        factories.BackgroundCheckFactory(staff=officer)
        session = log(officer, staff_present=[officer])
        assert list(session.staff_present.all()) == [officer]

    def test_session_update_applies_the_same_rule(self, officer, make_user):
        helper = make_user(Role.PARTICIPATION_OFFICER, full_name="Robin Page")
        session = log(officer)
        with pytest.raises(ValidationError) as excinfo:
            participation_services.session_update(
                actor=officer, session=session, staff_present=[helper]
            )
        assert (
            "Robin Page has no current enhanced DBS check"
            in (excinfo.value.message_dict["staff_present"][0])
        )
        factories.BackgroundCheckFactory(staff=helper, renewal_due=datetime.date(2026, 10, 5))
        participation_services.session_update(
            actor=officer, session=session, staff_present=[helper]
        )
        with pytest.raises(ValidationError):
            participation_services.session_update(
                actor=officer, session=session, date=datetime.date(2026, 10, 10)
            )
