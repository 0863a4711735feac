import datetime

import pytest
import time_machine

from heard.audits import services
from heard.core.standards import Standard

#: Audits tests run at noon on 15 October 2026 (UTC).
NOW = datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 10, 15)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def make_audit(db):
    """An audit recorded as Heard itself: ``make_audit(organisation, **values)``."""

    def make(organisation, **values):
        values.setdefault("date", days(-30))
        values.setdefault("levels", {Standard.STRATEGY: ("established", "A written strategy.")})
        return services.audit_record(actor=None, organisation=organisation, **values)

    return make


@pytest.fixture
def kite_mark(make_audit):
    """A kite mark awarded: ``kite_mark(organisation, expires_in_days, **values)``."""

    def make(organisation, expires_in, **values):
        values.setdefault("date", days(-30))
        return make_audit(organisation, decision="awarded", expires_on=days(expires_in), **values)

    return make


@pytest.fixture
def make_review(db):
    """A provision review recorded as Heard itself: ``make_review(provider, **values)``."""

    def make(provider, **values):
        values.setdefault("visit_date", days(-60))
        values.setdefault("findings", "Friendly staff; the waiting room is dull.")
        values.setdefault("recommendations", ["Paint the waiting room.", "Text reminders."])
        return services.review_record(actor=None, provider=provider, **values)

    return make


@pytest.fixture
def make_course(db):
    """A course recorded as Heard itself: ``make_course(attendees, **values)``."""

    def make(attendees=(), **values):
        values.setdefault("title", "Young auditors' training")
        values.setdefault("kind", "young_auditor")
        values.setdefault("date", days(-100))
        values.setdefault("valid_for_months", 12)
        return services.course_record(actor=None, attendees=attendees, **values)

    return make
