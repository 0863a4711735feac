import datetime

import pytest
from django.http import Http404

from heard.core.roles import Role
from heard.groups import selectors as group_selectors
from heard.groups.models import Group
from heard.participation import selectors
from heard.participation.models import Attendance, Degree, Method, Standard
from tests import factories

from .conftest import TODAY


def session_with_attendees(group, attendees=3, **kwargs):
    session = factories.SessionFactory(group=group, **kwargs)
    for _ in range(attendees):
        factories.AttendanceFactory(
            session=session,
            young_person=factories.YoungPersonFactory(organisation=group.host_organisation),
        )
    factories.AttendanceFactory(
        session=session,
        young_person=factories.YoungPersonFactory(organisation=group.host_organisation),
        status=Attendance.Status.APOLOGIES,
    )
    session.themes.add(factories.ThemeFactory())
    session.methods.add(*Method.objects.all()[:2])
    session.standards.add(*Standard.objects.all()[:2])
    return session


class TestSessionsVisibleTo:
    @pytest.mark.parametrize(
        "role",
        [
            Role.ADMINISTRATOR,
            Role.PARTICIPATION_LEAD,
            Role.PARTICIPATION_OFFICER,
            Role.THEME_LEAD,
            Role.SAFEGUARDING_LEAD,
        ],
    )
    def test_readers_see_every_session(self, make_user, role, group, other_group):
        factories.SessionFactory(group=group)
        factories.SessionFactory(group=other_group)
        assert selectors.sessions_visible_to(make_user(role)).count() == 2

    def test_partner_worker_sees_only_their_organisation(self, partner_worker, group, other_group):
        mine = factories.SessionFactory(group=group)
        factories.SessionFactory(group=other_group)
        assert list(selectors.sessions_visible_to(partner_worker)) == [mine]

    def test_board_member_sees_none(self, board_member, group):
        factories.SessionFactory(group=group)
        assert not selectors.sessions_visible_to(board_member).exists()

    def test_attendee_count_counts_those_who_attended(self, officer, group):
        session_with_attendees(group, attendees=3)
        assert selectors.sessions_visible_to(officer).get().attendee_count == 3

    def test_fixed_number_of_queries(self, officer, group, count_queries):
        def read():
            return [
                (
                    s.attendee_count,
                    s.group.name,
                    s.organisation.name,
                    list(s.themes.all()),
                    list(s.methods.all()),
                    list(s.standards.all()),
                    list(s.staff_present.all()),
                )
                for s in selectors.sessions_visible_to(officer)
            ]

        for _ in range(2):
            session_with_attendees(group)
        few, rows = count_queries(read)
        assert len(rows) == 2
        for _ in range(8):
            session_with_attendees(group)
        many, rows = count_queries(read)
        assert len(rows) == 10
        assert few == many

    def test_session_get_is_404_for_another_organisation(self, partner_worker, other_group):
        session = factories.SessionFactory(group=other_group)
        with pytest.raises(Http404):
            selectors.session_get(partner_worker, session.pk)
        with pytest.raises(Http404):
            selectors.session_get(partner_worker, "not-a-number")

    def test_missing_monitoring(self, officer, group):
        done = factories.SessionFactory(group=group, monitoring_form_complete=True)
        missing = factories.SessionFactory(group=group, monitoring_form_complete=False)
        result = list(selectors.sessions_missing_monitoring(officer))
        assert result == [missing]
        assert done not in result


class TestPeriods:
    @pytest.mark.parametrize(
        ("today", "start"),
        [
            (datetime.date(2026, 4, 1), datetime.date(2026, 4, 1)),
            (datetime.date(2026, 3, 31), datetime.date(2025, 4, 1)),
            (datetime.date(2027, 1, 5), datetime.date(2026, 4, 1)),
        ],
    )
    def test_partnership_year_starts_on_1_april(self, today, start):
        assert selectors.partnership_year_start(today) == start

    @pytest.mark.parametrize(
        ("today", "bounds"),
        [
            (
                datetime.date(2026, 10, 15),
                (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
            ),
            (datetime.date(2027, 2, 28), (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))),
            (datetime.date(2026, 6, 30), (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))),
        ],
    )
    def test_calendar_quarter(self, today, bounds):
        assert selectors.quarter_bounds(today) == bounds


@pytest.fixture
def crafted(organisation, other_organisation):
    """Sessions and attendances whose home counts are known by hand (today is 15 October 2026)."""
    buddy = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.BUDDY_GROUP)
    council = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.YOUTH_COUNCIL)
    elsewhere = factories.GroupFactory(
        host_organisation=other_organisation, kind=Group.Kind.BUDDY_GROUP
    )
    people = {name: factories.YoungPersonFactory(organisation=organisation) for name in "abcdef"}
    outsider = factories.YoungPersonFactory(organisation=other_organisation)

    def attend(session, person, status=Attendance.Status.ATTENDED):
        factories.AttendanceFactory(session=session, young_person=person, status=status)

    # a: active through a Buddy Group twice (counted once); also at the council.
    s1 = factories.SessionFactory(group=buddy, date=datetime.date(2026, 5, 1))
    s2 = factories.SessionFactory(group=buddy, date=datetime.date(2026, 10, 2))
    attend(s1, people["a"])
    attend(s2, people["a"])
    # b: active at the council only, this quarter; its monitoring form is missing.
    s3 = factories.SessionFactory(
        group=council, date=datetime.date(2026, 10, 3), monitoring_form_complete=False
    )
    attend(s3, people["b"])
    attend(s3, people["a"])
    # c: only consulted: not active.
    s4 = factories.SessionFactory(
        group=buddy, date=datetime.date(2026, 6, 1), degree=Degree.CONSULTED_INFORMED
    )
    attend(s4, people["c"])
    # d: active last partnership year only: not counted.
    s5 = factories.SessionFactory(group=buddy, date=datetime.date(2026, 3, 20))
    attend(s5, people["d"])
    # e: sent apologies, f: did not attend: not counted.
    attend(s2, people["e"], Attendance.Status.APOLOGIES)
    attend(s2, people["f"], Attendance.Status.ABSENT)
    # the outsider: active through another organisation's Buddy Group, this quarter, form missing.
    s6 = factories.SessionFactory(
        group=elsewhere, date=datetime.date(2026, 10, 10), monitoring_form_complete=False
    )
    attend(s6, outsider)
    # An overdue group: last visited in July, monthly cadence.
    overdue = factories.GroupFactory(host_organisation=organisation, name="Overdue group")
    factories.SessionFactory(group=overdue, date=datetime.date(2026, 7, 1))
    return {"buddy": buddy, "overdue": overdue}


class TestHomeCounts:
    def test_counts_for_the_programme(self, officer, crafted):
        counts = selectors.home_counts(user=officer, today=TODAY)
        overdue = group_selectors.overdue_groups(user=officer, today=TODAY)
        assert crafted["overdue"] in overdue
        assert counts == {
            "active_young_people": 3,  # a, b, outsider
            "active_via_buddy_groups": 2,  # a, outsider
            "sessions_this_quarter": 3,  # s2, s3, s6
            "overdue_visits": len(overdue),
            "incomplete_monitoring_forms": 2,  # s3, s6
        }

    def test_partner_worker_counts_their_organisation_only(self, partner_worker, crafted):
        counts = selectors.home_counts(user=partner_worker, today=TODAY)
        assert counts["active_young_people"] == 2
        assert counts["active_via_buddy_groups"] == 1
        assert counts["sessions_this_quarter"] == 2
        assert counts["incomplete_monitoring_forms"] == 1
        assert counts["overdue_visits"] == len(
            group_selectors.overdue_groups(user=partner_worker, today=TODAY)
        )

    def test_board_member_sees_the_counts(self, board_member, crafted):
        counts = selectors.home_counts(user=board_member, today=TODAY)
        assert counts["active_young_people"] == 3
        assert counts["incomplete_monitoring_forms"] == 2

    def test_a_new_year_starts_from_nothing(self, officer, crafted):
        counts = selectors.home_counts(user=officer, today=datetime.date(2027, 4, 2))
        assert counts["active_young_people"] == 0
        assert counts["sessions_this_quarter"] == 0

    def test_fixed_number_of_queries(self, officer, crafted, count_queries, group):
        few, _ = count_queries(lambda: selectors.home_counts(user=officer, today=TODAY))
        for _ in range(10):
            session_with_attendees(group, monitoring_form_complete=False)
            factories.GroupFactory(host_organisation=group.host_organisation)
        many, counts = count_queries(lambda: selectors.home_counts(user=officer, today=TODAY))
        assert counts["active_young_people"] == 33
        assert few == many

    def test_each_young_person_counts_once_and_buddy_groups_only_when_attended_there(
        self, officer, organisation
    ):
        buddy = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.BUDDY_GROUP)
        council = factories.GroupFactory(
            host_organisation=organisation, kind=Group.Kind.YOUTH_COUNCIL
        )
        people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(4)]
        active = {"degree": Degree.CYP_INITIATED_SHARED, "date": datetime.date(2026, 9, 1)}
        sessions = [
            factories.SessionFactory(group=buddy, **active),
            factories.SessionFactory(group=buddy, **active),
            factories.SessionFactory(group=council, **active),
            factories.SessionFactory(group=None, young_person=people[3], **active),
        ]
        for session in sessions[:3]:  # in both kinds of group, several times
            factories.AttendanceFactory(session=session, young_person=people[0])
        factories.AttendanceFactory(session=sessions[2], young_person=people[1])
        factories.AttendanceFactory(
            session=sessions[0], young_person=people[1], status=Attendance.Status.APOLOGIES
        )
        factories.AttendanceFactory(session=sessions[1], young_person=people[2])
        factories.AttendanceFactory(session=sessions[3], young_person=people[3])  # one-to-one
        counts = selectors.home_counts(user=officer, today=TODAY, overdue_count=0)
        assert counts["active_young_people"] == 4
        assert counts["active_via_buddy_groups"] == 2  # people 0 and 2

    def test_a_caller_that_counted_the_overdue_groups_saves_the_query(
        self, officer, crafted, count_queries
    ):
        counted, counts = count_queries(
            lambda: selectors.home_counts(user=officer, today=TODAY, overdue_count=7)
        )
        uncounted, _ = count_queries(lambda: selectors.home_counts(user=officer, today=TODAY))
        assert counts["overdue_visits"] == 7
        assert counted == uncounted - 1
