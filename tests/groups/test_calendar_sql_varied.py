"""The engagement calendar computed in SQL gives what the Python rule (``Group.next_due``) gives,
for every stage x cadence x (last contact, start date, stage change), on four days.

Runs on SQLite and on PostgreSQL (``DATABASE_URL``): the date arithmetic differs between them.
The 192 groups are made once for the module (each test rolls back what it changes), so they are
apart from tests/groups/test_calendar_sql.py, whose tests count their own groups.
"""

import datetime
import itertools
import random

import pytest
from django.db import transaction

from heard.groups import selectors
from heard.groups.calendar import with_calendar
from heard.groups.models import Group
from tests import factories

pytestmark = pytest.mark.django_db

#: Days around month ends, a leap day and a year end, so interval arithmetic is exercised.
TODAYS = [
    datetime.date(2026, 10, 15),
    datetime.date(2027, 1, 1),
    datetime.date(2028, 2, 29),
    datetime.date(2028, 3, 1),
]


def _old_calendar(groups, today):
    """The calendar as the Python code computed it before the SQL (the reference)."""
    return {group.pk: group for group in with_calendar(groups, today=today)}


@pytest.fixture(scope="module")
def made_groups(django_db_setup, django_db_blocker):
    """Made once for the module, in a transaction rolled back when it ends."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _varied_groups(factories.OrganisationFactory())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def varied_groups(made_groups, db):
    return made_groups


def _varied_groups(organisation):
    """Every stage x cadence x (last contact, start date, stage change) present or missing."""
    rng = random.Random(6)  # noqa: S311 - test data
    base = datetime.date(2026, 1, 1)
    sessions_of: dict[int, list[datetime.date]] = {}
    groups = []
    combos = itertools.product(
        Group.Stage.values, Group.Cadence.values, (True, False), (True, False), (True, False)
    )
    for n, (stage, cadence, has_session, has_start, has_change) in enumerate(combos):
        group = factories.GroupFactory(
            name=f"Group {n:03d} {rng.choice('ABC')}",
            host_organisation=organisation,
            stage=stage,
            cadence=cadence,
            start_date=base + datetime.timedelta(days=rng.randrange(0, 800)) if has_start else None,
            stage_changed_on=base + datetime.timedelta(days=rng.randrange(0, 800))
            if has_change
            else None,
            planned_end_date=None,
        )
        dates = []
        if has_session:
            for _ in range(rng.randrange(1, 4)):
                day = base + datetime.timedelta(days=rng.randrange(0, 820))
                factories.SessionFactory(group=group, date=day)
                dates.append(day)
        sessions_of[group.pk] = dates
        groups.append(group)
    return groups, sessions_of


@pytest.mark.parametrize("today", TODAYS)
def test_sql_next_due_equals_the_python_rule_for_every_kind_of_group(officer, varied_groups, today):
    groups, sessions_of = varied_groups
    sql = {g.pk: g for g in selectors.with_next_due(Group.objects.all(), today=today)}
    old = _old_calendar(selectors.groups_visible_to(officer), today)
    assert len(sql) == len(groups) == 6 * 4 * 8
    for group in groups:
        last = max(sessions_of[group.pk], default=None)
        due = Group.next_due(group, last)
        overdue = due is not None and due < today
        row = sql[group.pk]
        expected = (last, due, overdue, (today - due).days if overdue else 0)
        assert (row.last_contact, row.next_due, row.is_overdue, row.days_overdue) == expected, (
            group.stage,
            group.cadence,
            group.start_date,
            group.stage_changed_on,
        )
        before = old[group.pk]
        assert (before.next_due, before.is_overdue, before.days_overdue) == expected[1:]
    # Every cadence with a number of days, and a mix of due and overdue groups, was checked.
    checked = {(g.cadence, sql[g.pk].is_overdue) for g in groups if sql[g.pk].next_due}
    assert {cadence for cadence, _ in checked} == {"monthly", "twice_termly", "termly"}
    assert {overdue for _, overdue in checked} == {True, False}


@pytest.mark.parametrize("today", TODAYS)
def test_calendar_and_overdue_lists_equal_the_old_python_ones(officer, varied_groups, today):
    old = list(_old_calendar(selectors.groups_visible_to(officer), today).values())
    open_groups = [g for g in old if g.stage != Group.Stage.CLOSED]
    expected_calendar = sorted(
        open_groups, key=lambda g: (g.next_due is None, g.next_due or today, g.name, g.pk)
    )
    calendar = list(selectors.group_calendar(user=officer, today=today))
    assert [g.pk for g in calendar] == [g.pk for g in expected_calendar]
    assert all(g.stage != Group.Stage.CLOSED for g in calendar)

    expected_overdue = sorted(
        (g for g in old if g.stage in Group.VISITED_STAGES and g.is_overdue),
        key=lambda g: (g.next_due, g.name, g.pk),
    )
    overdue = selectors.overdue_groups(user=officer, today=today)
    assert [g.pk for g in overdue] == [g.pk for g in expected_overdue]
    assert overdue.count() == len(expected_overdue) > 0
    assert [g.days_overdue for g in overdue] == [g.days_overdue for g in expected_overdue]
