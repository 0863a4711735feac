"""The library of measures: each one counted from the records, independently of the code, and
the registry refusing what would make a measure ambiguous."""

import datetime

import pytest
import time_machine

from heard.core.disclosure import Cell, cell_key_of
from heard.core.roles import AgeBand
from heard.groups.models import Group, StageTransition
from heard.indicators import measures
from heard.indicators.measures import Filters, Measure, Period, Unit, library
from heard.participation.models import Degree, ParticipationType, Session
from tests import factories
from tests.indicators.indicator_helpers import TODAY, attended, buddy_group, council

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


YEAR = Period(datetime.date(2026, 4, 1), datetime.date(2026, 10, 15))


def test_active_young_people_count_each_once_at_involve_degrees_only(organisation):
    buddy, youth_council = buddy_group(organisation), council(organisation)
    both = attended(buddy, datetime.date(2026, 5, 1), 3)
    attended(youth_council, datetime.date(2026, 6, 1), 0, people=both[:2])
    attended(youth_council, datetime.date(2026, 6, 2), 2)
    attended(buddy, datetime.date(2026, 6, 3), 4, degree=Degree.CONSULTED_INFORMED)
    attended(buddy, datetime.date(2026, 3, 31), 5)  # last year
    figure = library.active_young_people(YEAR, Filters())
    assert figure.count.count == 5
    buddy_only = library.active_young_people(YEAR, Filters(group_kind=Group.Kind.BUDDY_GROUP))
    assert buddy_only.count == Cell(3, buddy_only.count.keys)
    assert buddy_only.whole is None


def test_the_cell_is_keyed_by_the_young_people_it_counts(organisation):
    people = attended(buddy_group(organisation), datetime.date(2026, 5, 1), 4)
    cell = library.active_young_people(YEAR, Filters()).count
    assert cell.count == 4
    assert cell.keys % 256 == cell_key_of("young_person", [p.pk for p in people])


def test_filters_narrow_the_young_people(organisation, other_organisation):
    theme = factories.ThemeFactory()
    ours = council(organisation)
    factories.GroupThemeFactory(group=ours, theme=theme)
    attended(ours, datetime.date(2026, 5, 1), 2, age_band=AgeBand.AGE_8_10)
    attended(ours, datetime.date(2026, 5, 2), 3, age_band=AgeBand.AGE_14_15)
    theirs = council(other_organisation)
    tagged = factories.SessionFactory(group=theirs, date=datetime.date(2026, 5, 3))
    tagged.themes.add(theme)
    factories.AttendanceFactory(session=tagged)
    count = lambda **f: library.active_young_people(YEAR, Filters(**f)).count.count  # noqa: E731
    assert count() == 6
    assert count(theme=theme.pk) == 6
    assert count(age_band=AgeBand.AGE_8_10) == 2
    assert count(organisation=organisation.pk) == 5
    assert count(organisation=other_organisation.pk, theme=theme.pk) == 1
    assert count(session_kind=Session.Kind.EVENT) == 0
    assert count(participation_type=ParticipationType.SOCIAL) == 0


def test_sessions_by_degree_and_type(organisation):
    group = council(organisation)
    factories.SessionFactory(group=group, date=datetime.date(2026, 5, 1))
    factories.SessionFactory(
        group=group, date=datetime.date(2026, 5, 2), degree=Degree.CONSULTED_INFORMED
    )
    factories.SessionFactory(
        group=group, date=datetime.date(2026, 5, 3), participation_type=ParticipationType.SOCIAL
    )
    factories.SessionFactory(group=group, date=datetime.date(2026, 1, 3))
    sessions = lambda **f: library.sessions_held(YEAR, Filters(**f)).count.count  # noqa: E731
    assert sessions() == 3
    assert sessions(degree=Degree.CONSULTED_INFORMED) == 1
    assert sessions(participation_type=ParticipationType.SOCIAL) == 1
    assert sessions(session_kind=Session.Kind.VISIT) == 3


def test_groups_per_theme_and_lead_running_in_the_period(organisation, theme_lead):
    theme = factories.ThemeFactory()
    led = council(organisation)
    led.leads.add(theme_lead)
    factories.GroupThemeFactory(group=led, theme=theme)
    closed = council(organisation)
    StageTransition.objects.create(
        group=closed, to_stage=Group.Stage.CLOSED, date=datetime.date(2026, 3, 1)
    )
    buddy_group(organisation)
    groups = lambda **f: library.groups_running(YEAR, Filters(**f)).count.count  # noqa: E731
    assert groups() == 2
    assert groups(theme=theme.pk) == 1
    assert groups(lead=theme_lead.pk) == 1
    assert groups(group_kind=Group.Kind.BUDDY_GROUP) == 1
    assert groups(organisation=organisation.pk) == 2
    before = Period(datetime.date(2020, 1, 1), datetime.date(2020, 3, 31))
    assert library.groups_running(before, Filters()).count.count == 0


def test_the_loop_shares_are_the_loop_figures(organisation):
    session = factories.SessionFactory(group=council(organisation), date=datetime.date(2026, 5, 1))
    day = datetime.date(2026, 5, 1)
    factories.ViewFactory(session=session, recorded_on=day)
    factories.ViewFactory(session=session, recorded_on=day, status="responded")
    factories.ViewFactory(session=session, recorded_on=day, status="fed_back", fed_back_on=day)
    factories.ViewFactory(session=session, recorded_on=day, status="fed_back", fed_back_on=day)
    responded = library.views_responded(YEAR, Filters())
    fed_back = library.views_fed_back(YEAR, Filters(organisation=organisation.pk))
    assert (responded.count.count, responded.whole.count) == (3, 4)
    assert (fed_back.count.count, fed_back.whole.count) == (2, 4)


def test_links_to_the_records_carry_the_filters():
    theme = 7
    name, query = library._sessions_list(YEAR, Filters(theme=theme, session_kind="visit"))
    assert name == "participation:session-list"
    assert query == {
        "date_from": "2026-04-01",
        "date_to": "2026-10-15",
        "theme": 7,
        "kind": "visit",
    }
    assert library._groups_list(YEAR, Filters(theme=7, group_kind="buddy_group", organisation=3))[
        1
    ] == {"theme": 7, "kind": "buddy_group", "host_organisation": 3}
    assert library._groups_list(YEAR, Filters()) == ("groups:group-list", {})
    assert library._views_list(YEAR, Filters(organisation=3))[1]["organisation"] == 3


def test_the_registry_is_open_and_refuses_what_is_ambiguous():
    def nothing(period, filters):
        return measures.Figure(Cell(0))

    extra = Measure("extra_test_measure", "Extra", "", Unit.WORK, nothing)
    try:
        measures.register(extra)
        assert ("extra_test_measure", "Extra") in measures.measure_choices()
        assert measures.measure_for("extra_test_measure") is extra
        with pytest.raises(ValueError, match="twice"):
            measures.register(extra)
    finally:
        measures.MEASURES.pop("extra_test_measure", None)
    wrong = Measure("x", "X", "", Unit.WORK, nothing, required=frozenset({"theme"}))
    with pytest.raises(ValueError, match="requires"):
        measures.register(wrong)


def test_active_young_people_read_the_quarterly_summary_as_the_attendances_give(
    organisation, other_organisation, monkeypatch
):
    """Whole quarters (and a year) with the filters the summary holds read it; every answer is
    the one the attendances give, keys and all; other filters and periods read the attendances."""
    from heard.participation import quarters

    buddy, youth_council = buddy_group(organisation), council(organisation)
    both = attended(buddy, datetime.date(2026, 5, 1), 3, age_band=AgeBand.AGE_14_15)
    attended(youth_council, datetime.date(2026, 7, 2), 0, people=both[:2])
    attended(council(other_organisation), datetime.date(2026, 8, 1), 2)
    attended(buddy, datetime.date(2026, 6, 3), 4, degree=Degree.CONSULTED_INFORMED)
    periods = [
        Period(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)),
        Period(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
        YEAR,
    ]
    filters = [
        Filters(),
        Filters(group_kind=Group.Kind.BUDDY_GROUP),
        Filters(organisation=organisation.pk),
        Filters(age_band=AgeBand.AGE_14_15, group_kind=Group.Kind.YOUTH_COUNCIL),
    ]
    read = []
    real = quarters.active_in
    monkeypatch.setattr(quarters, "active_in", lambda *a, **k: read.append(a) or real(*a, **k))
    summarised = {(p, f): library.active_young_people(p, f) for p in periods for f in filters}
    assert len(read) == len(summarised)
    monkeypatch.setattr(quarters, "covers", lambda start, end: False)
    for (period, chosen), figure in summarised.items():
        assert library.active_young_people(period, chosen) == figure, (period, chosen)
    assert summarised[(periods[0], Filters())].count.count == 3
    assert summarised[(periods[1], Filters())].count.count == 4
    read.clear()
    monkeypatch.undo()
    monkeypatch.setattr(quarters, "active_in", lambda *a, **k: read.append(a) or real(*a, **k))
    library.active_young_people(periods[0], Filters(degree=Degree.ADULT_INITIATED_SHARED))
    library.active_young_people(Period(datetime.date(2026, 4, 2), YEAR.end), Filters())
    assert read == []
