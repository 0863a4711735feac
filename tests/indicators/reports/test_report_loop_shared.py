"""A quarterly report's loop measures ("views responded to", "views fed back") read one set of
the loop's view cells a quarter, not one each, and give the same figures as when each computes
its own."""

import datetime

import pytest
import time_machine

from heard.indicators.measures import Filters, Period, library, measure_for, sharing
from heard.indicators.models import Indicator
from heard.indicators.reports.build import build
from heard.voice import selectors as voice_selectors
from tests.indicators.reports.helpers import QUARTER, TODAY, records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def loop_calls(monkeypatch):
    calls = []
    real = voice_selectors.loop_view_cells

    def counted(**kwargs):
        calls.append((kwargs["start"], kwargs["end"]))
        return real(**kwargs)

    monkeypatch.setattr(library.voice_selectors, "loop_view_cells", counted)
    return calls


def _indicators_rows(figures):
    (table,) = [t for t in figures["tables"] if t["key"] == "indicators"]
    return table["rows"]


def test_the_two_loop_measures_read_one_set_of_figures_a_quarter(lead, organisation, loop_calls):
    records(organisation)
    for measure in ("views_responded", "views_fed_back"):
        Indicator.objects.create(name=measure, measure=measure, target=50)
    shared = _indicators_rows(build(user=lead, period=QUARTER, organisation=None))
    # Four quarters, once each for both measures (eight before); the report's own section reads
    # the whole loop figures apart.
    assert len(loop_calls) == 4 and len(set(loop_calls)) == 4
    # Outside a report each measure computes its own: the same figures.
    loop_calls.clear()
    period = Period(QUARTER.start, QUARTER.end)
    alone = {
        key: measure_for(key).compute(period, Filters())
        for key in ("views_responded", "views_fed_back")
    }
    assert len(loop_calls) == 2
    with sharing.sharing_loop_figures():
        together = {key: measure_for(key).compute(period, Filters()) for key in alone}
    assert together == alone and len(loop_calls) == 3
    assert {row[0] for row in shared} >= {"views_responded", "views_fed_back"}


def test_the_figures_are_not_kept_past_the_report(lead, organisation, loop_calls):
    period = Period(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    with sharing.sharing_loop_figures():
        measure_for("views_responded").compute(period, Filters())
    measure_for("views_responded").compute(period, Filters())
    assert len(loop_calls) == 2
