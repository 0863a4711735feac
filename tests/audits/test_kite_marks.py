"""The kite mark register and the figures an indicator reads: held on a day, due for renewal."""

import pytest

from heard.audits import selectors
from tests.audits.conftest import TODAY, days

pytestmark = pytest.mark.django_db


def test_the_register_lists_each_holders_latest_kite_mark(organisation, kite_mark, make_audit):
    old = kite_mark(organisation, 10, date=days(-800))
    renewed = kite_mark(organisation, 700, date=days(-5))
    service = kite_mark(organisation, 30, service="Youth club")
    make_audit(organisation, decision="not_yet", needed="More.")
    assert list(selectors.kite_marks(None)) == [service, renewed]
    assert old not in selectors.kite_marks(None)


def test_held_on_a_day(organisation, other_organisation, kite_mark):
    first = kite_mark(organisation, 10, date=days(-400))
    later = kite_mark(organisation, 700, date=days(-5))
    expired = kite_mark(other_organisation, -1, date=days(-400))
    assert set(selectors.kite_marks_held(TODAY)) == {later}
    # Before the renewal, the first was the one held; the other organisation's was current.
    assert set(selectors.kite_marks_held(days(-10))) == {first, expired}


def test_due_for_renewal_within_90_days_or_expired(organisation, other_organisation, kite_mark):
    soon = kite_mark(organisation, 89)
    kite_mark(organisation, 400, service="Library")
    expired = kite_mark(other_organisation, -3)
    assert set(selectors.kite_marks_due(TODAY)) == {soon, expired}
    assert soon.kite_mark_state(TODAY) == "due"
    assert expired.kite_mark_state(TODAY) == "expired"


def test_states(organisation, kite_mark, make_audit):
    current = kite_mark(organisation, 400)
    assert current.kite_mark_state(TODAY) == "current"
    assert make_audit(organisation).kite_mark_state(TODAY) == ""
    assert current.holder == organisation.name
