"""Reach over a whole partnership year is read from the yearly participation summary; any other
period from the participation log. Both give the same tables for the same sessions."""

import dataclasses
import datetime
import random

import pytest

from heard.core.roles import AgeBand
from heard.participation.models import Attendance, Degree, YearlyParticipation
from heard.privacy import selectors
from heard.privacy.models import CareStatus, EqualityRecord, Gender
from tests import factories

YEAR_START, YEAR_END = datetime.date(2026, 4, 1), datetime.date(2027, 3, 31)
#: Ends a day short of the year: no session falls on 31 March, so it covers the same sessions.
ALMOST = datetime.date(2027, 3, 30)


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
        for person in rng.sample(people, 12):
            factories.AttendanceFactory(
                session=session,
                young_person=person,
                status=rng.choice([Attendance.Status.ATTENDED] * 3 + [Attendance.Status.ABSENT]),
            )
        assert index >= 0
    return organisations


def test_a_whole_year_reads_the_summary_and_agrees_with_the_log(officer, history):
    assert selectors.Session.objects.filter(date=YEAR_END).count() == 0
    whole = selectors.reach(user=officer, start=YEAR_START, end=YEAR_END)
    from_log = selectors.reach(user=officer, start=YEAR_START, end=ALMOST)
    assert whole.took_part == from_log.took_part and isinstance(whole.took_part, int)
    assert whole.took_part > 10
    assert tables(whole) == tables(from_log)
    # Read from the summary: emptying it empties the year, not the almost-year.
    YearlyParticipation.objects.all().delete()
    assert selectors.reach(user=officer, start=YEAR_START, end=YEAR_END).took_part == 0
    assert selectors.reach(user=officer, start=YEAR_START, end=ALMOST).took_part > 0


@pytest.mark.parametrize("filtered", ["organisation", "area"])
def test_filters_agree_too(officer, history, filtered):
    kwargs = {"organisation": history[0]} if filtered == "organisation" else {"area": "north"}
    whole = selectors.reach(user=officer, start=YEAR_START, end=YEAR_END, **kwargs)
    from_log = selectors.reach(user=officer, start=YEAR_START, end=ALMOST, **kwargs)
    assert tables(whole) == tables(from_log)
    assert (
        whole.took_part != selectors.reach(user=officer, start=YEAR_START, end=YEAR_END).took_part
    )
