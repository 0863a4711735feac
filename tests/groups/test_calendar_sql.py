"""The engagement calendar computed in SQL gives what the Python rule (``Group.next_due``) gives.

Runs on SQLite and on PostgreSQL (``DATABASE_URL``): the date arithmetic differs between them.
Every kind of group on four days: tests/groups/test_calendar_sql_varied.py.
"""

import datetime

import pytest

from heard.groups import selectors
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_visit_due_today_is_not_overdue_and_is_the_day_after(officer, organisation):
    group = factories.GroupFactory(host_organisation=organisation, cadence="twice_termly")
    factories.SessionFactory(group=group, date=datetime.date(2026, 9, 1))
    due = datetime.date(2026, 10, 16)  # 45 days later
    (row,) = selectors.group_calendar(user=officer, today=due)
    assert (row.next_due, row.is_overdue, row.days_overdue) == (due, False, 0)
    later = due + datetime.timedelta(days=1)
    assert not selectors.overdue_groups(user=officer, today=due).exists()
    (row,) = selectors.overdue_groups(user=officer, today=later)
    assert (row.next_due, row.is_overdue, row.days_overdue) == (due, True, 1)


def test_the_latest_session_is_the_last_contact_even_after_an_earlier_one_is_logged(
    officer, organisation
):
    group = factories.GroupFactory(host_organisation=organisation)
    factories.SessionFactory(group=group, date=datetime.date(2026, 9, 30))
    factories.SessionFactory(group=group, date=datetime.date(2026, 8, 1))
    (row,) = selectors.group_calendar(user=officer, today=datetime.date(2026, 10, 1))
    assert row.last_contact == datetime.date(2026, 9, 30)
    assert row.next_due == datetime.date(2026, 10, 31)


def test_overdue_groups_count_in_one_query(officer, organisation, django_assert_num_queries):
    for n in range(3):
        factories.GroupFactory(host_organisation=organisation, name=f"Late {n}")
    overdue = selectors.overdue_groups(user=officer, today=datetime.date(2027, 6, 1))
    with django_assert_num_queries(1):
        assert overdue.count() == 3
    with django_assert_num_queries(1):
        rows = list(overdue[:2])
        assert [row.host_organisation.name for row in rows] == [organisation.name] * 2
