import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.participation import services
from heard.participation.models import Attendance, Degree, Method, ParticipationType, Session
from tests import factories

DAY = datetime.date(2026, 10, 1)


def log(actor, **kwargs):
    values = {
        "date": DAY,
        "kind": Session.Kind.VISIT,
        "degree": Degree.ADULT_INITIATED_SHARED,
        "participation_type": ParticipationType.PUBLIC,
    }
    values.update(kwargs)
    return services.session_log(actor=actor, **values)


def error_fields(excinfo):
    return set(excinfo.value.message_dict)


class TestSessionLog:
    def test_logs_a_group_session_with_attendance_and_audit(self, officer, group, members):
        factories.BackgroundCheckFactory(staff=officer)
        discussion = Method.objects.get(name="Discussion")
        theme = factories.ThemeFactory()
        session = log(
            officer,
            group=group,
            title="Planning the summer",
            staff_present=[officer],
            attendees=[members[0], (members[1], Attendance.Status.APOLOGIES)],
            methods=[discussion],
            standards=["strategy", "staff"],
            themes=[theme],
            notes="Good energy.",
        )
        assert session.organisation == group.host_organisation
        assert session.logged_by == officer
        statuses = dict(session.attendances.values_list("young_person_id", "status"))
        assert statuses == {members[0].pk: "attended", members[1].pk: "apologies"}
        assert sorted(session.standards.values_list("code", flat=True)) == ["staff", "strategy"]
        assert list(session.methods.all()) == [discussion]
        entry = AuditEntry.objects.get(
            object_type="participation.session", object_id=str(session.pk)
        )
        assert entry.action == AuditEntry.Action.CREATE
        assert entry.event == "session.logged"
        assert entry.actor == officer
        assert entry.changes["methods"] == [None, [discussion.pk]]
        assert entry.changes["themes"] == [None, [theme.pk]]
        assert entry.changes["staff_present"] == [None, [officer.pk]]
        assert sorted(entry.changes["attendances"][1]) == sorted(
            [f"{members[0].reference}: attended", f"{members[1].reference}: apologies"]
        )

    def test_individual_session_records_the_young_person_as_attending(self, officer, organisation):
        person = factories.YoungPersonFactory(organisation=organisation)
        session = log(
            officer,
            young_person=person,
            kind=Session.Kind.ONE_TO_ONE_REVIEW,
            participation_type=ParticipationType.INDIVIDUAL,
        )
        assert session.organisation == organisation
        assert list(session.attendances.values_list("young_person_id", "status")) == [
            (person.pk, "attended")
        ]

    def test_non_members_may_attend_a_group_session(self, officer, group):
        visitor = factories.YoungPersonFactory()
        session = log(officer, group=group, attendees=[visitor])
        assert session.attendances.get().young_person == visitor

    def test_future_date_is_refused_and_nothing_is_saved(self, officer, group, members):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, date=datetime.date(2026, 10, 16), attendees=members)
        assert "cannot be in the future" in excinfo.value.message_dict["date"][0]
        assert not Session.objects.exists()
        assert not Attendance.objects.exists()
        assert not AuditEntry.objects.filter(object_type="participation.session").exists()

    def test_today_is_allowed(self, officer, group):
        assert log(officer, group=group, date=datetime.date(2026, 10, 15)).pk

    def test_needs_a_group_or_a_young_person(self, officer):
        with pytest.raises(ValidationError) as excinfo:
            log(officer)
        assert error_fields(excinfo) == {"group"}

    def test_not_both_a_group_and_a_young_person(self, officer, group, members):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, young_person=members[0])
        assert "not both" in excinfo.value.message_dict["young_person"][0]

    def test_duplicate_attendee_is_refused(self, officer, group, members):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, attendees=[members[0], (members[0], "apologies")])
        assert "more than once" in excinfo.value.message_dict["attendees"][0]
        assert not Session.objects.exists()

    def test_unknown_attendance_status_is_refused(self, officer, group, members):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, attendees=[(members[0], "late")])
        assert "not an attendance status" in excinfo.value.message_dict["attendees"][0]

    def test_staff_present_must_be_active_staff(self, officer, make_user, group):
        gone = make_user(Role.PARTICIPATION_OFFICER, is_active=False, full_name="Old Hand")
        factories.BackgroundCheckFactory(staff=officer)
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, staff_present=[officer, gone])
        assert excinfo.value.message_dict["staff_present"] == [
            "Old Hand is not an active member of staff."
        ]

    def test_unknown_standard_is_refused(self, officer, group):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, standards=["shared_values", "vibes"])
        assert excinfo.value.message_dict["standards"] == [
            "'vibes' is not a Hear by Right standard."
        ]

    def test_bad_choices_and_long_title_are_refused(self, officer, group):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, kind="party", degree="loud", title="x" * 201)
        assert {"kind", "degree", "title"} <= error_fields(excinfo)

    def test_every_problem_is_reported_at_once(self, officer):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, date=datetime.date(2027, 1, 1), standards=["nope"], degree="x")
        assert {"date", "group", "standards", "degree"} <= error_fields(excinfo)


class TestScope:
    def test_partner_worker_logs_for_own_organisation(self, partner_worker, group, members):
        session = log(partner_worker, group=group, attendees=members)
        assert session.organisation == partner_worker.organisation

    def test_partner_worker_cannot_log_for_another_organisations_group(
        self, partner_worker, other_group
    ):
        with pytest.raises(ValidationError) as excinfo:
            log(partner_worker, group=other_group)
        assert "hosted by your organisation" in excinfo.value.message_dict["group"][0]
        assert not Session.objects.exists()

    def test_partner_worker_cannot_log_for_another_organisations_young_person(
        self, partner_worker, other_organisation
    ):
        person = factories.YoungPersonFactory(organisation=other_organisation)
        with pytest.raises(ValidationError) as excinfo:
            log(partner_worker, young_person=person)
        assert "young_person" in excinfo.value.message_dict

    def test_partner_worker_cannot_record_others_young_people_attending(
        self, partner_worker, group, other_organisation
    ):
        stranger = factories.YoungPersonFactory(organisation=other_organisation)
        with pytest.raises(ValidationError) as excinfo:
            log(partner_worker, group=group, attendees=[stranger])
        assert excinfo.value.message_dict["attendees"] == [
            f"{stranger.reference} is not a young person you can record attendance for."
        ]

    def test_theme_lead_logs_for_groups_of_their_themes(self, theme_lead, theme_group):
        assert log(theme_lead, group=theme_group).group == theme_group

    def test_theme_lead_logs_for_groups_they_lead(self, theme_lead, other_group):
        other_group.leads.add(theme_lead)
        assert log(theme_lead, group=other_group).group == other_group

    def test_theme_lead_cannot_log_for_other_groups(self, theme_lead, group, theme):
        with pytest.raises(ValidationError) as excinfo:
            log(theme_lead, group=group, themes=[theme])
        assert "As a theme lead" in excinfo.value.message_dict["group"][0]

    def test_theme_lead_cannot_log_individual_sessions(self, theme_lead):
        with pytest.raises(ValidationError) as excinfo:
            log(theme_lead, young_person=factories.YoungPersonFactory())
        assert "young_person" in excinfo.value.message_dict

    @pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.SAFEGUARDING_LEAD])
    def test_roles_that_log_nothing(self, make_user, role, group):
        with pytest.raises(PermissionDenied):
            log(make_user(role), group=group)
        assert not Session.objects.exists()

    def test_the_system_may_log(self, group, members):
        session = log(None, group=group, attendees=members)
        assert session.logged_by is None
        assert AuditEntry.objects.get(object_id=str(session.pk)).actor is None


class TestSessionUpdate:
    def test_replaces_attendance_and_audits_the_difference(self, officer, group, members):
        session = log(officer, group=group, attendees=members)
        newcomer = factories.MembershipFactory(group=group).young_person
        games = Method.objects.get(name="Games")
        services.session_update(
            actor=officer,
            session=session,
            attendees=[(members[0], "absent"), newcomer],
            methods=[games],
            monitoring_form_complete=False,
        )
        statuses = dict(session.attendances.values_list("young_person_id", "status"))
        assert statuses == {members[0].pk: "absent", newcomer.pk: "attended"}
        changed = AuditEntry.objects.get(event="session.changed")
        assert changed.changes == {"methods": [[], [games.pk]]}
        attendance = AuditEntry.objects.get(event="session.attendance_changed")
        assert attendance.operation == changed.operation  # one action, two entries
        before, after = attendance.changes["attendances"]
        assert f"{members[1].reference}: attended" in before
        assert f"{members[1].reference}: attended" not in after
        assert f"{members[0].reference}: absent" in after

    def test_no_change_writes_no_audit_entry(self, officer, group):
        session = log(officer, group=group, title="Same")
        services.session_update(actor=officer, session=session, title="Same")
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()

    def test_future_date_refused_on_update(self, officer, group):
        session = log(officer, group=group)
        with pytest.raises(ValidationError):
            services.session_update(actor=officer, session=session, date=datetime.date(2026, 12, 1))
        session.refresh_from_db()
        assert session.date == DAY

    def test_unknown_field_is_a_programming_error(self, officer, group):
        session = log(officer, group=group)
        with pytest.raises(TypeError):
            services.session_update(actor=officer, session=session, organisation=None)

    def test_partner_worker_cannot_change_another_organisations_session(
        self, partner_worker, officer, other_group
    ):
        session = log(officer, group=other_group)
        with pytest.raises(PermissionDenied):
            services.session_update(actor=partner_worker, session=session, title="Mine now")

    def test_partner_worker_cannot_move_a_session_to_another_organisation(
        self, partner_worker, group, other_group
    ):
        session = log(partner_worker, group=group)
        with pytest.raises(ValidationError) as excinfo:
            services.session_update(actor=partner_worker, session=session, group=other_group)
        assert "group" in excinfo.value.message_dict
        session.refresh_from_db()
        assert session.group == group

    def test_moving_to_a_young_person_derives_the_organisation(
        self, officer, group, other_organisation
    ):
        session = log(officer, group=group)
        person = factories.YoungPersonFactory(organisation=other_organisation)
        services.session_update(actor=officer, session=session, group=None, young_person=person)
        session.refresh_from_db()
        assert session.organisation == other_organisation

    def test_theme_lead_changes_sessions_tagged_with_their_theme(
        self, theme_lead, officer, group, theme
    ):
        session = log(officer, group=group, themes=[theme])
        services.session_update(actor=theme_lead, session=session, notes="Followed up.")
        session.refresh_from_db()
        assert session.notes == "Followed up."

    def test_theme_lead_changes_sessions_of_their_groups(self, theme_lead, officer, theme_group):
        session = log(officer, group=theme_group)
        services.session_update(actor=theme_lead, session=session, title="Amplify meets")

    def test_theme_lead_cannot_change_other_sessions(self, theme_lead, officer, group):
        session = log(officer, group=group)
        with pytest.raises(PermissionDenied):
            services.session_update(actor=theme_lead, session=session, title="No")

    def test_safeguarding_lead_cannot_change(self, safeguarding_lead, officer, group):
        session = log(officer, group=group)
        with pytest.raises(PermissionDenied):
            services.session_update(actor=safeguarding_lead, session=session, title="No")
