"""The demo's opportunities: there for every page the roles and the portal crawl."""

import datetime

import pytest
import time_machine
from django.db import transaction

from heard.demo import data
from heard.demo.loader import load_demo
from heard.opportunities import selectors
from heard.opportunities.models import Opportunity, SignUp
from heard.participation.models import Attendance
from heard.people.models import User

NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with time_machine.travel(NOW, tick=False):
                yield load_demo(today=TODAY)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


def test_the_demo_has_opportunities_sign_ups_and_attendance_from_one(demo):
    assert demo.counts["opportunities"] == Opportunity.objects.count() == 6
    assert Opportunity.objects.filter(kind="focus_group").exists()
    assert demo.counts["sign-ups"] == SignUp.objects.count() >= 6
    assert SignUp.objects.filter(how="portal").count() == 2
    attended = SignUp.objects.filter(status="attended")
    assert attended.count() == 2
    for sign_up in attended:
        assert Attendance.objects.filter(
            session=sign_up.session, young_person=sign_up.young_person, status="attended"
        ).exists()
    partner = User.objects.get(email=data.PARTNER_EMAIL)
    assert selectors.opportunities_visible_to(partner).count() == 3
    portal_person = SignUp.objects.get(how="portal", opportunity__kind="focus_group").young_person
    with time_machine.travel(NOW, tick=False):
        listed = selectors.portal_opportunities(portal_person, TODAY)
    assert any(row.mine is None for row in listed) and any(row.mine for row in listed)
