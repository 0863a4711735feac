"""The rules a session is checked against (``participation.services.checks``), each with the
message it gives, whether the session is logged, changed or imported."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from heard.core.models import AuditEntry
from heard.groups.models import Group
from heard.participation import selectors, services, summaries
from heard.participation.models import Method, Session
from heard.participation.services.checks import Register, check_subject
from heard.people.models import YoungPerson
from tests import factories
from tests.participation.test_services import DAY, log

pytestmark = pytest.mark.django_db


def messages(excinfo, name):
    return " ".join(excinfo.value.message_dict[name])


class TestDate:
    def test_a_moment_is_read_as_its_day(self, officer, group):
        moment = datetime.datetime(2026, 10, 1, 9, 30, tzinfo=datetime.UTC)
        assert log(officer, group=group, date=moment).date == DAY

    @pytest.mark.parametrize("text", ["2026-13-45", "next Tuesday", None])
    def test_what_is_not_a_date(self, officer, group, text):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, date=text)
        assert messages(excinfo, "date") == "Enter the date of the session, like 2026-10-01."

    def test_text_dates_are_read(self, officer, group):
        assert log(officer, group=group, date=" 2026-10-01 ").date == DAY


class TestSubject:
    def test_records_not_on_the_register(self, officer, organisation):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=Group(name="Unsaved", host_organisation=organisation))
        assert "on the register" in messages(excinfo, "group")
        with pytest.raises(ValidationError) as excinfo:
            log(officer, young_person=YoungPerson(first_name="Unsaved"))
        assert "on the register" in messages(excinfo, "young_person")

    def test_someone_who_may_not_see_them(self, board_member, group, organisation):
        person = factories.YoungPersonFactory(organisation=organisation)
        errors: dict = {}
        check_subject(Register(AnonymousUser()), group, None, errors)
        assert errors == {"group": "Choose a group you can see."}
        errors = {}
        check_subject(Register(board_member), None, person, errors)
        assert errors == {"young_person": "Choose a young person you can see."}

    def test_heard_itself_sees_every_group(self, group):
        errors: dict = {}
        check_subject(Register(None), group, None, errors)
        assert errors == {}


class TestLinks:
    def test_an_attendee_who_is_not_a_young_person(self, officer, group):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, attendees=["YP-NOBODY"])
        assert "'YP-NOBODY' is not a young person on the register." in messages(
            excinfo, "attendees"
        )

    def test_staff_problems_and_their_checks_are_listed_together(self, officer, make_user, group):
        former = make_user(is_active=False)
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, staff_present=[officer, former])
        problems = excinfo.value.message_dict["staff_present"]
        assert problems[0] == f"{former} is not an active member of staff."
        assert any("DBS" in problem or "check" in problem for problem in problems[1:])

    def test_methods_that_do_not_exist(self, officer, group):
        with pytest.raises(ValidationError) as excinfo:
            log(officer, group=group, methods=[Method(name="Unsaved")])
        assert messages(excinfo, "methods") == "Choose methods that already exist."


class TestUpdate:
    def test_the_same_attendance_again_writes_no_attendance_entry(self, officer, group, members):
        session = log(officer, group=group, attendees=members)
        services.session_update(actor=officer, session=session, attendees=list(members))
        assert not AuditEntry.objects.filter(event="session.attendance_changed").exists()

    def test_a_partner_cannot_move_a_session_to_a_group_they_may_not_log_for(
        self, partner_worker, group, organisation
    ):
        session = log(partner_worker, group=group)
        person = factories.YoungPersonFactory(organisation=organisation)
        moved = services.session_update(
            actor=partner_worker, session=session, group=None, young_person=person
        )
        assert moved.organisation == organisation and moved.young_person == person


class TestImport:
    def test_heard_itself_imports(self, group):
        from tests.participation.test_import import csv_file

        row = f"2026-10-01,visit,{group.name},,,adult_initiated_shared,public,,,,,yes,"
        result = services.sessions_import(actor=None, file=csv_file(row))
        assert result.ok and Session.objects.get().logged_by is None


class TestSelectors:
    def test_the_home_pages_short_list_of_missing_forms(self, officer, partner_worker, group):
        session = factories.SessionFactory(group=group, monitoring_form_complete=False)
        factories.SessionFactory(
            group=factories.GroupFactory(), monitoring_form_complete=False, date=DAY
        )
        assert list(selectors.sessions_missing_monitoring(partner_worker, brief=True)) == [session]
        assert len(selectors.sessions_missing_monitoring(officer, brief=True)) == 2

    def test_who_may_not_log_has_no_groups_to_log_for(self, safeguarding_lead, group):
        assert not selectors.groups_for_logging(safeguarding_lead).exists()

    def test_a_signed_out_reader_counts_nothing(self, group, members):
        log(None, group=group, attendees=members)
        counts = selectors.home_counts(user=AnonymousUser(), today=DAY)
        assert set(counts.values()) == {0}

    def test_refreshing_no_days_refreshes_nothing(self, django_assert_num_queries):
        with django_assert_num_queries(2):  # its savepoint and release, nothing else
            summaries.refresh(young_people=[1], days=[None])
