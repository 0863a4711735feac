"""The home page's overdue visits are a table drawn from its columns: every cell carries its
column's label (stacked on a 320 px screen) and dates read "1 September 2026"."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def test_overdue_visits_stack_under_their_labels(client_for, officer, organisation):
    group = factories.GroupFactory(host_organisation=organisation, name="Riverside Buddy Group")
    factories.SessionFactory(group=group, date=datetime.date(2026, 7, 1))
    factories.GroupFactory(host_organisation=organisation, name="Never Visited")
    page = client_for(officer).get(reverse("home")).content.decode()
    overdue = page.split('id="overdue"')[1].split("</table>")[0]
    assert "heard-table--stacked" in overdue
    assert 'data-label="Last contact">1 July 2026</td>' in overdue
    assert 'data-label="Last contact">None yet</td>' in overdue
    assert f'data-label="Host">{organisation.name}</td>' in overdue
    assert 'govuk-table__cell--numeric" data-label="Days overdue">' in overdue
    assert "most overdue first</caption>" in overdue
