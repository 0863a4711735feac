"""A report reads its indicators' figures together (``sharing_loop_figures`` with a horizon):
groups of every theme in one query, the active young people of four quarters in one, sessions
day by day over the horizon, the schools of four quarters in one read. Every figure must be the
one the indicator computes alone, keys and all, for quarters, years and a quarter to date."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heard.core import concurrent, disclosure
from heard.core.disclosure import cell_key_of
from heard.core.roles import AgeBand
from heard.groups.models import Group
from heard.indicators.measures import MEASURES, Filters, Period
from heard.indicators.measures.sharing import horizon_over, sharing_loop_figures
from heard.involvement.models import Evaluation
from heard.participation.headcounts import Headcount
from heard.participation.models import Degree, QuarterlyParticipation
from heard.participation.selectors.headcounts import represented, school_visits
from tests import factories
from tests.indicators.indicator_helpers import TODAY, attended, buddy_group, council

pytestmark = pytest.mark.django_db

QUARTERS = [
    Period(datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)),
    Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
    Period(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)),
    Period(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
]
HORIZON = Period(QUARTERS[0].start, QUARTERS[-1].end)
YEAR_TO_DATE = Period(datetime.date(2026, 4, 1), datetime.date(2026, 9, 30))
QUARTER_TO_DATE = Period(datetime.date(2026, 10, 1), datetime.date(2026, 10, 15))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def records(organisation, other_organisation):
    """Participation in every quarter, two organisations, two themes, schools, evaluations."""
    themes = [factories.ThemeFactory(), factories.ThemeFactory()]
    ours, theirs = buddy_group(organisation), council(other_organisation)
    factories.GroupThemeFactory(group=ours, theme=themes[0])
    factories.GroupThemeFactory(group=theirs, theme=themes[0])
    factories.GroupThemeFactory(group=theirs, theme=themes[1])
    parliament = factories.GroupFactory(
        host_organisation=organisation, kind=Group.Kind.PRIMARY_PARLIAMENT
    )
    schools = [factories.OrganisationFactory(name=f"School {n}") for n in range(3)]
    regulars = attended(ours, datetime.date(2025, 11, 3), 3, age_band=AgeBand.AGE_14_15)
    for number, quarter in enumerate(QUARTERS):
        day = quarter.start + datetime.timedelta(days=10)
        attended(ours, day, 0, people=regulars[: number + 1])
        attended(theirs, day, number + 2)
        attended(ours, day, 2, degree=Degree.CONSULTED_INFORMED)
        sitting = factories.SessionFactory(group=parliament, date=day)
        for school in schools[: number + 1]:
            pupil = factories.YoungPersonFactory(organisation=school)
            factories.AttendanceFactory(session=sitting, young_person=pupil)
            Evaluation.objects.create(session=sitting, rating=Evaluation.Rating.POSITIVE)
        Headcount.objects.create(session=sitting, age_band=AgeBand.AGE_8_10, count=3, school="Oak")
        Evaluation.objects.create(session=sitting, rating=Evaluation.Rating.NEGATIVE)
    attended(ours, QUARTER_TO_DATE.start + datetime.timedelta(days=3), 2)
    return {"themes": themes, "organisations": [organisation, other_organisation]}


def _filters(records):
    themes, organisations = records["themes"], records["organisations"]
    return [
        Filters(),
        Filters(group_kind=Group.Kind.BUDDY_GROUP),
        Filters(group_kind=Group.Kind.PRIMARY_PARLIAMENT),
        Filters(age_band=AgeBand.AGE_14_15),
        *(Filters(organisation=organisation.pk) for organisation in organisations),
        *(Filters(theme=theme.pk) for theme in themes),
        Filters(theme=themes[1].pk, organisation=organisations[1].pk),
        Filters(degree=Degree.CONSULTED_INFORMED),
    ]


def _figures(records, periods):
    figures = {}
    for measure in MEASURES.values():
        for filters in _filters(records):
            if filters.given() <= measure.filters and measure.required <= filters.given():
                for period in periods:
                    figures[(measure.key, filters, period)] = measure.compute(period, filters)
    return figures


@pytest.mark.parametrize(
    "periods",
    [QUARTERS, [*QUARTERS[1:], YEAR_TO_DATE], [*QUARTERS[1:], QUARTER_TO_DATE]],
    ids=["four quarters", "a year's report", "a quarter to date"],
)
def test_every_measure_read_together_is_the_measure_read_alone(records, periods):
    alone = _figures(records, periods)
    horizon = Period(min(period.start for period in periods), max(p.end for p in periods))
    with sharing_loop_figures(horizon):
        together = _figures(records, periods)
    assert together == alone
    assert len(alone) > 150
    # Not all nothing: the records count in the figures compared.
    assert alone[("active_young_people", Filters(), QUARTERS[-1])].count.count >= 8
    parliament = Filters(group_kind=Group.Kind.PRIMARY_PARLIAMENT)
    assert alone[("schools_unique", parliament, QUARTERS[-1])].count.count == 4  # 3 and Oak


def test_the_horizon_reads_each_figure_family_once(records):
    """Four quarters of every theme's groups, the active young people and the sessions, read
    with far fewer queries than one a figure."""
    themes = records["themes"]
    wanted = [
        ("groups", Filters(theme=themes[0].pk)),
        ("groups", Filters(theme=themes[1].pk)),
        ("active_young_people", Filters()),
        ("sessions", Filters(organisation=records["organisations"][0].pk)),
        ("sessions", Filters(degree=Degree.CONSULTED_INFORMED)),
        ("positive_evaluations", Filters()),
    ]
    with CaptureQueriesContext(connection) as alone:
        for key, filters in wanted:
            for quarter in QUARTERS:
                MEASURES[key].compute(quarter, filters)
    with sharing_loop_figures(HORIZON), CaptureQueriesContext(connection) as together:
        for key, filters in wanted:
            for quarter in QUARTERS:
                MEASURES[key].compute(quarter, filters)
    assert len(alone) >= 4 * len(wanted)
    # groups: one for both themes a quarter (4); active: covers + one read (2); sessions: 2;
    # evaluations: 1.
    assert len(together) <= 4 + 2 + 2 + 1


def test_a_period_beyond_the_horizon_is_read_alone():
    with sharing_loop_figures(HORIZON):
        assert horizon_over(QUARTERS[1]) == HORIZON
        assert horizon_over(QUARTER_TO_DATE) is None
    with sharing_loop_figures():
        assert horizon_over(QUARTERS[1]) is None
    assert horizon_over(QUARTERS[1]) is None


def test_cells_by_counts_distinct_records_with_their_keys(records):
    rows = QuarterlyParticipation.objects.filter(quarter__range=(HORIZON.start, HORIZON.end))
    cells = disclosure.cells_by(
        rows, ("quarter", "organisation_id"), "young_person_id", "young_person"
    )
    assert cells
    for (quarter, organisation), cell in cells.items():
        people = set(
            rows.filter(quarter=quarter, organisation_id=organisation).values_list(
                "young_person_id", flat=True
            )
        )
        assert cell.count == len(people)
        assert cell.keys % 256 == cell_key_of("young_person", people)
    assert disclosure.cells_by(rows.none(), ("quarter",), "young_person_id", "young_person") == {}


def test_school_visits_split_by_period_as_read_period_by_period(records):
    visits = school_visits(start=HORIZON.start, end=HORIZON.end)
    for quarter in QUARTERS:
        alone = school_visits(start=quarter.start, end=quarter.end)
        assert represented(visits, quarter.start, quarter.end) == represented(alone)
    # 1 + 2 + 3 + 4 schools' sittings and Oak at each; registered attendees' organisations too.
    whole = represented(visits)
    assert whole.unique >= 4


def test_inside_a_transaction_the_reads_stay_in_this_thread():
    assert connection.in_atomic_block
    assert not concurrent.reads_may_run_side_by_side()
    seen = concurrent.map_reads(lambda _: threading.get_ident(), [1, 2, 3])
    assert set(seen) == {threading.get_ident()}
