"""An indicator's value, status and trend for each reader (ADR 0008): exact for readers of
every record, protected (fixed periods, cell-key rounding, "fewer than 5") for the board, and
no count from 1 to 4 recoverable by comparing indicators, filters or quarters."""

import datetime

import pytest
import time_machine

from heard.core.disclosure import Cell
from heard.core.roles import AgeBand
from heard.core.suppression import SMALL, WITHHELD
from heard.indicators import progress as progress_module
from heard.indicators import selectors
from heard.indicators.measures import Figure, Period, measure_for
from heard.indicators.models import Indicator
from heard.indicators.progress import Status, progress, shown_text, status_of
from tests.core.disclosure import cross_request_pins
from tests.indicators.indicator_helpers import TODAY, attended, council, indicator

pytestmark = pytest.mark.django_db
DAY = TODAY.date()


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.parametrize(
    ("target", "amber", "value", "status"),
    [
        (300, 10, 300, Status.GREEN),
        (300, 10, 301, Status.GREEN),
        (300, 10, 270, Status.AMBER),
        (300, 10, 269, Status.RED),
        (300, 0, 299, Status.RED),
        (70, 20, 56.0, Status.AMBER),
        (0, 10, 0, Status.GREEN),
        (300, 10, None, Status.UNKNOWN),
        (300, 10, WITHHELD, Status.UNKNOWN),
        (300, 10, SMALL, Status.RED),
        (4, 50, SMALL, Status.UNKNOWN),  # 1 is red, 4 is green: not known
        (2, 10, SMALL, Status.UNKNOWN),
    ],
)
def test_the_red_amber_green_rule(target, amber, value, status):
    assert status_of(Indicator(target=target, amber_within=amber), value) is status


def test_figures_read_as_a_page_says_them():
    assert shown_text(None, share=False) == "No figure yet"
    assert shown_text(SMALL, share=False) == "Fewer than 5"
    assert shown_text(WITHHELD, share=True) == "Withheld"
    assert shown_text(1234, share=False) == "1,234"
    assert shown_text(66.6, share=True) == "67%"
    assert Status.AMBER.label == "Close to target" and Status.AMBER.colour == "yellow"


@pytest.mark.parametrize(
    ("exact", "period", "current", "first_quarter"),
    [
        (True, "year", (datetime.date(2026, 4, 1), DAY), datetime.date(2026, 1, 1)),
        (True, "quarter", (datetime.date(2026, 10, 1), DAY), datetime.date(2026, 1, 1)),
        (False, "year", (datetime.date(2026, 4, 1), datetime.date(2026, 9, 30)), None),
        (False, "quarter", (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)), None),
    ],
)
def test_the_periods_of_each_reader(exact, period, current, first_quarter):
    shown, quarters = progress_module.periods(Indicator(period=period), exact=exact, today=DAY)
    assert (shown.start, shown.end) == current
    assert len(quarters) == 4
    if exact:  # this quarter so far and the three before it
        assert quarters[0].start == first_quarter and quarters[-1].end == DAY
    else:  # the last four complete quarters
        assert quarters[0] == Period(datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))
        assert quarters[-1] == Period(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))


def test_shares_are_worked_out_from_the_figures_shown():
    measure = measure_for("views_fed_back")
    exact = progress_module.figure_shown(measure, Figure(Cell(3), Cell(4)), exact=True)
    assert exact == 75.0
    assert progress_module.figure_shown(measure, Figure(Cell(0), Cell(0)), exact=True) is None
    assert progress_module.figure_shown(measure, Figure(Cell(0), Cell(7)), exact=False) == 0.0
    # 3 of 4 shows as "fewer than 5" of "fewer than 5": no share can be worked out.
    assert progress_module.figure_shown(measure, Figure(Cell(3), Cell(4)), exact=False) in (
        WITHHELD,
        100.0,
        0.0,
    )


def test_an_officer_sees_the_exact_figure_to_today(officer, organisation):
    group = council(organisation)
    attended(group, datetime.date(2026, 5, 1), 3)
    attended(group, DAY, 1)  # today: in their figure, not in the board's
    shown = progress(indicator(target=5), user=officer, today=DAY, trend=True)
    assert shown.exact and shown.current.value == 4
    assert shown.current.status is Status.RED and shown.value_text == "4"
    assert [point.value for point in shown.trend] == [0, 3, 0, 1]


def test_the_board_sees_fixed_periods_protected(board_member, organisation):
    group = council(organisation)
    attended(group, datetime.date(2026, 5, 1), 3)
    attended(group, datetime.date(2026, 8, 1), 9)
    attended(group, DAY, 1)
    shown = progress(indicator(target=300), user=board_member, today=DAY, trend=True)
    assert not shown.exact
    assert (shown.current.start, shown.current.end) == (
        datetime.date(2026, 4, 1),
        datetime.date(2026, 9, 30),
    )
    assert shown.current.value in (10, 15)
    quarters = [point.value for point in shown.trend]
    assert quarters[:2] == [0, 0]
    assert quarters[2] in (SMALL, 5) and quarters[3] in (5, 10)


def test_indicators_of_two_filters_and_quarters_give_no_small_count_away(
    board_member, organisation
):
    """Atoms: 8 to 10 year olds active in Q1, 14 and 15 year olds active in Q1, 8 to 10 year
    olds active in Q2. The board reads three indicators (all ages, each age band) for the year
    and each quarter of the trend; every assignment that fits every figure is tried."""
    group = council(organisation)
    sizes = (3, 1, 2)
    attended(group, datetime.date(2026, 5, 1), sizes[0], age_band=AgeBand.AGE_8_10)
    attended(group, datetime.date(2026, 5, 2), sizes[1], age_band=AgeBand.AGE_14_15)
    attended(group, datetime.date(2026, 8, 1), sizes[2], age_band=AgeBand.AGE_8_10)
    everyone = indicator(target=10)
    young = indicator(name="8 to 10", target=10, age_band=AgeBand.AGE_8_10)
    older = indicator(name="14 and 15", target=10, age_band=AgeBand.AGE_14_15)
    observations = []
    for shown_indicator, atoms in ((everyone, (0, 1, 2)), (young, (0, 2)), (older, (1,))):
        figures = progress(shown_indicator, user=board_member, today=DAY, trend=True)
        observations.append((atoms, figures.current.value))
        first, second = figures.trend[2].value, figures.trend[3].value
        observations.append((tuple(a for a in atoms if a in (0, 1)), first))
        observations.append((tuple(a for a in atoms if a == 2), second))
        for value in (figures.current.value, first, second):
            assert value == 0 or value == SMALL or value % 5 == 0
    observations = [(atoms, value) for atoms, value in observations if atoms]
    assert cross_request_pins(3, observations) == []


def test_the_same_young_people_show_the_same_figure_in_every_indicator(board_member, organisation):
    group = council(organisation)
    attended(group, datetime.date(2026, 5, 1), 7)
    one = progress(indicator(target=10), user=board_member, today=DAY)
    other = progress(
        indicator(name="Other", target=10, organisation=organisation),
        user=board_member,
        today=DAY,
    )
    assert one.current.value == other.current.value


def test_an_indicator_whose_measure_left_the_library_is_skipped(officer):
    gone = indicator()
    Indicator.objects.filter(pk=gone.pk).update(measure="retired")
    gone.refresh_from_db()
    assert selectors.indicators_progress([gone], user=officer, today=DAY) == []
    with pytest.raises(LookupError):
        progress(gone, user=officer, today=DAY)


def test_the_home_page_shows_progress_to_readers_only(officer, partner_worker):
    for number in range(selectors.HOME_INDICATORS_SHOWN + 1):
        indicator(name=f"Indicator {number}")
    shown = selectors.home_indicators(user=officer, today=DAY)
    assert shown["shows_indicators"] and shown["indicators_more"]
    assert len(shown["indicators_progress"]) == selectors.HOME_INDICATORS_SHOWN
    assert selectors.home_indicators(user=partner_worker, today=DAY) == {"shows_indicators": False}
