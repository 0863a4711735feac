"""The visit clock: only the session kinds a group's cadence counts, with staff present, move
its next visit due (issue 18)."""

import datetime

import pytest

from heard.groups import services as group_services
from heard.groups.models import Group
from heard.participation import services, summaries
from heard.participation.models import Degree, ParticipationType, Session
from tests import factories

DAY = datetime.date(2026, 10, 1)
EARLIER = datetime.date(2026, 9, 1)


@pytest.fixture
def checked(officer):
    factories.BackgroundCheckFactory(staff=officer)
    return officer


def log(actor, group, **kwargs):
    values = {
        "date": DAY,
        "kind": Session.Kind.VISIT,
        "degree": Degree.ADULT_INITIATED_SHARED,
        "participation_type": ParticipationType.PUBLIC,
        "group": group,
    }
    values.update(kwargs)
    return services.session_log(actor=actor, **values)


def clock(group):
    group.refresh_from_db()
    return group.last_session_on


class TestVisitClock:
    def test_a_session_with_no_staff_leaves_the_clock(self, checked, group):
        log(checked, group, date=EARLIER, staff_present=[checked])
        log(checked, group)
        assert clock(group) == EARLIER

    def test_a_visit_with_staff_moves_the_clock(self, checked, group):
        log(checked, group, date=EARLIER, staff_present=[checked])
        log(checked, group, staff_present=[checked])
        assert clock(group) == DAY
        assert group.next_due(group.last_session_on) == DAY + datetime.timedelta(days=31)

    @pytest.mark.parametrize("kind", [Session.Kind.EVENT, Session.Kind.CONSULTATION])
    def test_kinds_the_cadence_does_not_count_leave_the_clock(self, checked, group, kind):
        log(checked, group, date=EARLIER, staff_present=[checked])
        log(checked, group, kind=kind, staff_present=[checked])
        assert clock(group) == EARLIER

    def test_the_counted_kinds_are_set_per_group_kind(self, checked, group, organisation):
        council = factories.GroupFactory(
            host_organisation=organisation, kind=Group.Kind.YOUTH_COUNCIL
        )
        assert Group.contact_kinds(Group.Kind.BUDDY_GROUP) == ("visit", "group_session")
        assert "meeting" in Group.contact_kinds(Group.Kind.YOUTH_COUNCIL)
        log(checked, group, kind=Session.Kind.MEETING, staff_present=[checked])
        log(checked, council, kind=Session.Kind.MEETING, staff_present=[checked])
        assert (clock(group), clock(council)) == (None, DAY)

    def test_changing_the_staff_or_kind_moves_the_clock(self, checked, group):
        session = log(checked, group)
        assert clock(group) is None
        services.session_update(actor=checked, session=session, staff_present=[checked])
        assert clock(group) == DAY
        services.session_update(actor=checked, session=session, kind=Session.Kind.EVENT)
        assert clock(group) is None

    def test_a_group_changing_kind_is_counted_by_its_new_kind(self, checked, lead, group):
        log(checked, group, kind=Session.Kind.MEETING, staff_present=[checked])
        assert clock(group) is None
        group_services.group_update(actor=lead, group=group, kind=Group.Kind.YOUTH_COUNCIL)
        assert clock(group) == DAY

    def test_the_check_and_rebuild_follow_the_same_rule(self, checked, group):
        log(checked, group, date=EARLIER, staff_present=[checked])
        log(checked, group)
        assert summaries.differences() == (0, [])
        summaries.rebuild()
        assert clock(group) == EARLIER

    @pytest.mark.parametrize(
        ("own_on", "joint_on"),
        [(EARLIER, None), (None, EARLIER), (EARLIER, DAY), (DAY, EARLIER)],
        ids=["own only", "joint only", "joint later", "own later"],
    )
    def test_the_clock_is_the_later_of_its_own_and_joint_visits(
        self, checked, group, organisation, own_on, joint_on
    ):
        """Its own sessions and those it joins as one of several groups, whichever is later,
        when either side has none (SQLite's two-argument MAX is NULL when either is)."""
        host = factories.GroupFactory(host_organisation=organisation, name="Northside Forum")
        if own_on:
            log(checked, group, date=own_on, staff_present=[checked])
        if joint_on:
            log(checked, host, date=joint_on, other_groups=[group], staff_present=[checked])
        assert clock(group) == max(day for day in (own_on, joint_on) if day)
        assert summaries.differences() == (0, [])
        summaries.rebuild()
        assert clock(group) == max(day for day in (own_on, joint_on) if day)
