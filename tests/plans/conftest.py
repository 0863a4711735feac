import datetime

import pytest
import time_machine

from heard.core.standards import Standard
from heard.plans import services

#: Plans tests run at noon on 15 October 2026 (UTC).
NOW = datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 10, 15)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def make_plan(db, organisation):
    """A plan (made as the system) for ``organisation`` unless another is given."""

    def make(org=None, period="2026-27", **kwargs):
        values = {
            "starts_on": datetime.date(2026, 4, 1),
            "ends_on": datetime.date(2027, 3, 31),
            "title": "Active involvement action plan",
        }
        values.update(kwargs)
        return services.plan_create(
            actor=None, organisation=org or organisation, period=period, **values
        )

    return make


@pytest.fixture
def plan(make_plan):
    return make_plan()


@pytest.fixture
def outcome(plan):
    return services.outcome_add(
        actor=None,
        plan=plan,
        standard=Standard.SHARED_VALUES,
        number="1.1",
        text="Young people help recruit staff",
    )


@pytest.fixture
def action(outcome):
    return services.action_add(
        actor=None,
        outcome=outcome,
        text="Run a pilot panel\n- with two schools",
        lead_text="CB",
        timescale="May-July 09",
    )
