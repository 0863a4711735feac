"""Reach over a whole partnership year is read from the yearly participation summary; any other
period from the participation log. Both give the same tables for the same sessions."""

import dataclasses
import datetime
import random

import pytest
from django.db import connection

from heard.core.roles import AgeBand
from heard.groups.models import Group
from heard.participation import summaries
from heard.participation.models import Attendance, Degree, Session, YearlyParticipation
from heard.people.models import YoungPerson
from heard.privacy import selectors
from heard.privacy.models import CareStatus, EqualityRecord, Gender
from heard.privacy.selectors import tally
from tests import factories

YEAR_START, YEAR_END = datetime.date(2026, 4, 1), datetime.date(2027, 3, 31)
#: Starts a day into the year: no session falls on 1 April, so it covers the same sessions as the
#: year, but is not a year (to date), so it is read from the log.
NOT_A_YEAR = datetime.date(2026, 4, 2)


def tables(report):
    return [
        (table.characteristic, [dataclasses.astuple(row) for row in table.rows])
        for table in report.tables
    ]


@pytest.fixture
def history(db):
    """Sixty young people across two organisations, in sessions of both degrees inside and
    outside the year, some of them sending apologies."""
    rng = random.Random(12)
    organisations = [factories.OrganisationFactory(), factories.OrganisationFactory()]
    people = [
        factories.YoungPersonFactory(
            organisation=rng.choice(organisations),
            age_band=rng.choice(AgeBand.values),
            area=rng.choice(["North", "South", ""]),
        )
        for _ in range(60)
    ]
    for person in people[::2]:
        EqualityRecord.objects.create(
            young_person=person,
            gender=rng.choice(Gender.values),
            care_status=rng.choice(CareStatus.values),
        )
    groups = [factories.GroupFactory(host_organisation=o) for o in organisations]
    for index in range(30):
        session = factories.SessionFactory(
            group=rng.choice(groups),
            date=datetime.date(2026, 2, 1) + datetime.timedelta(days=rng.randint(0, 500)),
            degree=rng.choice(Degree.values),
        )
        # One session's register at once, its summary refreshed once, as session_log does (an
        # AttendanceFactory each refreshed it per row: 360 refreshes, 5 s a test under coverage).
        attendees = rng.sample(people, 12)
        Attendance.objects.bulk_create(
            Attendance(
                session=session,
                young_person=person,
                status=rng.choice([Attendance.Status.ATTENDED] * 3 + [Attendance.Status.ABSENT]),
            )
            for person in attendees
        )
        summaries.refresh(young_people=[person.pk for person in attendees], days=[session.date])
        assert index >= 0
    return organisations


def reach(officer, start, end, **kwargs):
    return selectors.reach(user=officer, start=start, end=end, **kwargs)


def test_a_whole_year_reads_the_summary_and_agrees_with_the_log(officer, history):
    assert not Session.objects.filter(date=YEAR_START).exists()
    whole = reach(officer, YEAR_START, YEAR_END)
    from_log = reach(officer, NOT_A_YEAR, YEAR_END)
    assert whole.took_part == from_log.took_part and isinstance(whole.took_part, int)
    assert whole.took_part > 10
    assert tables(whole) == tables(from_log)
    # Read from the summary: emptying it empties the year, not the other period.
    YearlyParticipation.objects.all().delete()
    assert reach(officer, YEAR_START, YEAR_END).took_part == 0
    assert reach(officer, NOT_A_YEAR, YEAR_END).took_part == whole.took_part


def test_any_period_from_the_years_start_reads_the_summary_and_agrees_with_the_log(
    officer, history
):
    """A protected reader's "1 April to the end of the last complete quarter" and a year to date
    are read from the summary's first attended and first active days; they agree with the log
    (NOT_A_YEAR starts a day later with the same sessions, read from the log) for every end."""
    dates = sorted(set(Session.objects.filter(date__lte=YEAR_END).values_list("date", flat=True)))
    ends = sorted(
        {*dates[:: max(len(dates) // 6, 1)], dates[-1], dates[-1] - datetime.timedelta(1)}
    )
    ends += [datetime.date(2026, 6, 30), datetime.date(2026, 9, 30), datetime.date(2026, 12, 31)]
    for end in ends:
        summary, log = reach(officer, YEAR_START, end), reach(officer, NOT_A_YEAR, end)
        assert (summary.took_part, summary.active) == (log.took_part, log.active), end
        assert tables(summary) == tables(log), end
    assert any(reach(officer, YEAR_START, end).took_part for end in ends)
    # Read from the summary: emptying it empties every such period, not the log's.
    YearlyParticipation.objects.all().delete()
    for end in ends:
        assert reach(officer, YEAR_START, end).took_part == 0


@pytest.mark.parametrize("filtered", ["organisation", "area"])
def test_filters_agree_too(officer, history, filtered):
    kwargs = {"organisation": history[0]} if filtered == "organisation" else {"area": "north"}
    whole = reach(officer, YEAR_START, YEAR_END, **kwargs)
    from_log = reach(officer, NOT_A_YEAR, YEAR_END, **kwargs)
    assert tables(whole) == tables(from_log)
    assert whole.took_part != reach(officer, YEAR_START, YEAR_END).took_part


@pytest.mark.parametrize("year_to_date", [True, False])
def test_grouping_sets_count_as_the_combinations_do(officer, history, year_to_date):
    """PostgreSQL counts in one GROUPING SETS query; elsewhere two GROUP BYs are added up."""
    if connection.vendor != "postgresql":
        pytest.skip("GROUPING SETS are counted on PostgreSQL only")
    start = YEAR_START if year_to_date else NOT_A_YEAR
    flags = tally.participants(start, YEAR_END, None)
    people = YoungPerson.objects.all()
    grouped = tally.tally_grouping_sets(people, flags)
    combined = tally.tally_combinations(people, flags)
    assert grouped == combined
    assert sum(sum(cell) for cell in grouped[0].values()) > 10


def test_protected_tables_agree_too(officer, history):
    """ADR 0008: the same young people give the same protected figures, from the summary or
    from the log (the cell key is the sum of their record keys, however they were counted)."""
    whole = selectors.reach(user=officer, start=YEAR_START, end=YEAR_END, exact=False)
    from_log = selectors.reach(user=officer, start=NOT_A_YEAR, end=YEAR_END, exact=False)
    assert tables(whole) == tables(from_log)
    assert not whole.exact
    for _, rows in tables(whole):
        for row in rows:
            for count in (row[2], row[3]):
                assert count == "fewer than 5" or count % 5 == 0


@pytest.mark.parametrize("by_organisation", [False, True])
def test_the_home_pages_protected_cells_read_the_summary_and_agree_with_the_log(
    history, by_organisation
):
    """``active_cells`` (a protected reader's home counts) for a period from the year's start
    reads the summary; NOT_A_YEAR, a day later with the same sessions, reads the log."""
    from heard.privacy.selectors.reach import active_cells

    Group.objects.filter(pk=Group.objects.order_by("pk").first().pk).update(
        kind=Group.Kind.BUDDY_GROUP
    )
    organisation = history[0] if by_organisation else None
    dates = sorted(set(Session.objects.filter(date__lte=YEAR_END).values_list("date", flat=True)))
    seen = 0
    for end in [dates[len(dates) // 3], dates[-1], datetime.date(2026, 9, 30), YEAR_END]:
        summary = active_cells(start=YEAR_START, end=end, organisation=organisation)
        log = active_cells(start=NOT_A_YEAR, end=end, organisation=organisation)
        assert summary == log, end
        seen += summary["via_buddy_groups"].count
    assert seen > 0


def test_the_protected_cells_follow_every_edit_of_a_session(officer, organisation):
    """``active_cells`` over the year's participants (their first active days) stays reach's
    "took part actively" total, exact and protected, and what the log gives, as a session is
    re-dated, a group becomes a Buddy Group, a session is made not active and one loses its
    attendees."""
    from heard.core import disclosure
    from heard.groups import services as group_services
    from heard.participation import services
    from heard.privacy.selectors.reach import active_cells

    buddy = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.BUDDY_GROUP)
    council = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.YOUTH_COUNCIL)
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(12)]

    def log(group, day, attendees):
        return factories.logged_group_session(officer, group, attendees, day)

    may = log(buddy, datetime.date(2026, 5, 4), people[:8])
    august = log(council, datetime.date(2026, 8, 10), people[4:])
    october = log(buddy, datetime.date(2026, 10, 1), people[6:])
    seen = []

    def check():
        for end in (datetime.date(2026, 6, 30), datetime.date(2026, 9, 30), YEAR_END):
            cells = active_cells(start=YEAR_START, end=end)
            assert cells == active_cells(start=NOT_A_YEAR, end=end), end
            exact = selectors.reach(user=officer, start=YEAR_START, end=end, exact=True)
            protected = selectors.reach(user=officer, start=YEAR_START, end=end, exact=False)
            assert cells["active"].count == exact.active
            assert disclosure.protect_cell(cells["active"]) == protected.active
            seen.append((cells["active"].count, cells["via_buddy_groups"].count))

    check()
    services.session_update(actor=officer, session=may, date=datetime.date(2026, 7, 20))
    check()
    group_services.group_update(actor=officer, group=council, kind=Group.Kind.BUDDY_GROUP)
    check()
    services.session_update(actor=officer, session=august, degree=Degree.CONSULTED_INFORMED)
    check()
    services.session_update(actor=officer, session=october, attendees=[])
    check()
    # (active, via Buddy Groups) by the end of June, of September and of the year, each time.
    assert seen == [
        *[(8, 8), (12, 8), (12, 12)],
        *[(0, 0), (12, 8), (12, 12)],
        *[(0, 0), (12, 12), (12, 12)],
        *[(0, 0), (8, 8), (12, 12)],
        *[(0, 0), (8, 8), (8, 8)],
    ]
