"""The demo's involvement activities and evaluations: there for every page the roles crawl."""

import datetime

import pytest

from heard.demo import data
from heard.involvement import selectors
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.people.models import User
from tests.demo_database import TODAY


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


def test_the_demo_has_activities_and_evaluations_for_each_role(demo):
    assert demo.counts["involvement activities"] == InvolvementActivity.objects.count() == 6
    assert demo.counts["evaluations"] == Evaluation.objects.count() > 20
    partner = User.objects.get(email=data.PARTNER_EMAIL)
    assert selectors.activities_visible_to(partner).count() == 2
    assert selectors.evaluations_visible_to(partner).exists()
    assert Evaluation.objects.filter(young_person__isnull=True).exists()
    assert Evaluation.objects.filter(source=Evaluation.Source.PORTAL).count() == 1
    share = selectors.involvement_share(None, start=TODAY.replace(year=2026, month=1), end=TODAY)
    assert (share.numerator, share.denominator) == (4, 5)
    positive = selectors.positive_share(None, start=datetime.date(2025, 1, 1), end=TODAY)
    assert 70 <= positive.percent <= 90
