"""The demo's opportunities: there for every page the roles and the portal crawl."""

import pytest
import time_machine

from heard.demo import data
from heard.opportunities import selectors
from heard.opportunities.models import Opportunity, SignUp
from heard.participation.models import Attendance
from heard.people.models import User
from tests.demo_database import NOW, TODAY


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
