"""The report's loop table reads the views' figures alone (``views_only``): the same figures as
the whole loop figures give for those rows, exact and protected, in one query of three."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heard.voice import disclosure as voice_disclosure
from heard.voice import selectors as voice_selectors
from tests import factories
from tests.indicators.reports.helpers import QUARTER, TODAY, records

pytestmark = pytest.mark.django_db

#: What the whole loop figures hold beyond the views' (the report's table shows none of it).
BEYOND_VIEWS = {
    "responses",
    "not_possible_responses",
    "not_possible_with_reason",
    "not_possible_with_reason_share",
    "ratings",
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _figures(user, *, exact, views_only):
    with CaptureQueriesContext(connection) as queries:
        figures = voice_selectors.loop_figures(
            user=user,
            start=QUARTER.start,
            end=QUARTER.end,
            cells=not exact,
            views_only=views_only,
        )
    return voice_disclosure.loop_figures_shown(figures, exact=exact), len(queries)


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "protected"])
def test_the_views_figures_alone_are_the_whole_figures_views(lead, organisation, exact):
    records(organisation)
    for _ in range(12):  # enough views for protected figures that are not all "fewer than 5"
        factories.ViewFactory(session=None, organisation=organisation, recorded_on=QUARTER.start)
    whole, whole_queries = _figures(lead, exact=exact, views_only=False)
    alone, alone_queries = _figures(lead, exact=exact, views_only=True)
    assert set(whole) - set(alone) == BEYOND_VIEWS
    assert alone == {key: value for key, value in whole.items() if key not in BEYOND_VIEWS}
    assert alone["views_recorded"] not in (0, None)
    # Responses and ratings are two queries the table does not need.
    assert alone_queries == whole_queries - 2
