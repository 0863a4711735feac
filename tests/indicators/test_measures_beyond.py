"""Seed 002's measures (schools represented, decisions young people were involved in, positive
evaluations and ratings, trained young people), each counted from records made here, and shown
by the disclosure policy's rules for its unit."""

import datetime

import pytest
import time_machine

from heard.audits.models import Course, CourseAttendance
from heard.core import disclosure
from heard.core.disclosure import cell_key_of
from heard.core.roles import AgeBand
from heard.core.suppression import SMALL
from heard.groups.models import Group
from heard.indicators import progress
from heard.indicators.measures import Filters, Period, Unit, beyond, measure_for
from heard.indicators.progress import figure_shown
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.participation.headcounts import Headcount
from heard.participation.models import Session
from heard.voice.models import Rating
from tests import factories
from tests.indicators.indicator_helpers import TODAY, indicator

pytestmark = pytest.mark.django_db

YEAR = Period(datetime.date(2026, 4, 1), datetime.date(2026, 10, 15))
IN_YEAR = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _parliament(organisation):
    return factories.GroupFactory(
        host_organisation=organisation, kind=Group.Kind.PRIMARY_PARLIAMENT
    )


def test_schools_count_each_school_once_a_session_and_once_in_all(organisation):
    schools = [factories.OrganisationFactory(name=f"School {n}") for n in range(3)]
    parliament = _parliament(organisation)
    first = factories.SessionFactory(group=parliament, date=IN_YEAR)
    second = factories.SessionFactory(group=parliament, date=IN_YEAR + datetime.timedelta(1))
    for session in (first, second):
        for school in schools[:2]:  # two pupils of each: one attendance of the school
            for _ in range(2):
                factories.AttendanceFactory(
                    session=session, young_person=factories.YoungPersonFactory(organisation=school)
                )
    Headcount.objects.create(session=first, age_band=AgeBand.AGE_8_10, count=4, school="Oak Hill")
    Headcount.objects.create(
        session=second, age_band=AgeBand.AGE_8_10, count=3, school=" oak  hill "
    )
    Headcount.objects.create(
        session=second, age_band=AgeBand.AGE_8_10, count=2, organisation=schools[2]
    )
    # Another kind of group's session is not the parliament's.
    factories.AttendanceFactory(
        session=factories.SessionFactory(
            group=factories.GroupFactory(host_organisation=organisation), date=IN_YEAR
        )
    )
    only = Filters(group_kind=Group.Kind.PRIMARY_PARLIAMENT)
    assert beyond.school_attendances(YEAR, only).count.count == 7  # 3 at the first, 4 at the second
    assert beyond.schools_unique(YEAR, only).count.count == 4  # three schools and Oak Hill
    assert beyond.schools_unique(YEAR, Filters()).count.count == 5  # and the other's attendee
    outside = Period(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert beyond.school_attendances(outside, only).count.count == 0


def test_decisions_involved_is_a_plain_share_of_staff_work(organisation, other_organisation):
    kinds = InvolvementActivity.Kind
    for kind, involved, owner in (
        (kinds.RECRUITMENT, True, organisation),
        (kinds.PROCUREMENT, False, organisation),
        (kinds.COMMISSIONING, True, other_organisation),
        (kinds.OTHER_DECISION, True, organisation),  # not a decision the indicator counts
    ):
        InvolvementActivity.objects.create(
            title="An activity",
            kind=kind,
            date=IN_YEAR,
            organisation=owner,
            young_people_involved=involved,
        )
    InvolvementActivity.objects.create(
        title="Last year",
        kind=kinds.RECRUITMENT,
        date=datetime.date(2026, 3, 1),
        organisation=organisation,
        young_people_involved=False,
    )
    figure = beyond.decisions_involved(YEAR, Filters())
    assert (figure.count.count, figure.whole.count) == (2, 3)
    ours = beyond.decisions_involved(YEAR, Filters(organisation=organisation.pk))
    assert (ours.count.count, ours.whole.count) == (1, 2)
    measure = measure_for("decisions_involved")
    assert measure.unit is Unit.WORK_SHARE and measure.is_share
    # Staff work: the same plain share for a protected reader, small counts and all.
    assert figure_shown(measure, ours, exact=False) == 50.0
    assert (
        figure_shown(
            measure,
            beyond.decisions_involved(
                Period(datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)), Filters()
            ),
            exact=False,
        )
        is None
    )


def test_positive_evaluations_by_the_sessions_filters_and_title(organisation):
    takeover = factories.SessionFactory(
        organisation=organisation,
        group=None,
        date=IN_YEAR,
        kind=Session.Kind.EVENT,
        title="Takeover Day at the Council House",
    )
    other = factories.SessionFactory(date=IN_YEAR, kind=Session.Kind.EVENT, title="Fun day")
    ratings = Evaluation.Rating
    made = []
    for session, rating in (
        (takeover, ratings.POSITIVE),
        (takeover, ratings.POSITIVE),
        (takeover, ratings.NEUTRAL),
        (other, ratings.NEGATIVE),
    ):
        made.append(Evaluation.objects.create(session=session, rating=rating))
    everything = beyond.positive_evaluations(YEAR, Filters())
    assert (everything.count.count, everything.whole.count) == (2, 4)
    assert everything.whole.keys % 256 == cell_key_of("evaluation", [e.pk for e in made])
    titled = beyond.positive_evaluations(YEAR, Filters(session_title="takeover day"))
    assert (titled.count.count, titled.whole.count) == (2, 3)
    measure = measure_for("positive_evaluations")
    assert figure_shown(measure, titled, exact=True) == pytest.approx(66.67, abs=0.01)
    # Children's records: a protected reader gets the share of the protected counts (cell-key
    # rounding, ADR 0008), never the exact share of counts under 5.
    protected = figure_shown(measure, titled, exact=False)
    shown_top = disclosure.shown(titled.count, exact=False)
    shown_whole = disclosure.shown(titled.whole, exact=False)
    assert protected == progress._share(shown_top, shown_whole)
    assert protected != pytest.approx(66.67, abs=0.01)


def test_positive_ratings_count_helpful_among_the_periods_ratings(organisation):
    response = factories.ResponseFactory()
    young = [factories.YoungPersonFactory(organisation=organisation) for _ in range(3)]
    values = (Rating.Value.HELPFUL, Rating.Value.HELPFUL, Rating.Value.NOT_SURE)
    for person, value in zip(young, values, strict=True):
        factories.RatingFactory(response=response, young_person=person, value=value)
    elsewhere = factories.RatingFactory(value=Rating.Value.NOT_HELPFUL)
    figure = beyond.positive_ratings(YEAR, Filters())
    assert (figure.count.count, figure.whole.count) == (2, 4)
    ours = beyond.positive_ratings(YEAR, Filters(organisation=organisation.pk))
    assert (ours.count.count, ours.whole.count) == (2, 3)
    banded = beyond.positive_ratings(
        YEAR, Filters(age_band=elsewhere.young_person.age_band, organisation=organisation.pk)
    )
    assert banded.whole.count == sum(
        1 for person in young if person.age_band == elsewhere.young_person.age_band
    )
    before = Period(datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    assert beyond.positive_ratings(before, Filters()).whole.count == 0


def test_trained_young_people_current_at_some_time_in_the_period(organisation):
    current = Course.objects.create(
        title="Young auditors",
        kind=Course.Kind.YOUNG_AUDITOR,
        date=datetime.date(2026, 5, 1),
        valid_for_months=24,
        valid_until=datetime.date(2028, 5, 1),
    )
    lapsed = Course.objects.create(
        title="Old course",
        kind=Course.Kind.YOUNG_AUDITOR,
        date=datetime.date(2023, 1, 1),
        valid_for_months=24,
        valid_until=datetime.date(2025, 1, 1),
    )
    trained = [
        factories.YoungPersonFactory(organisation=organisation, age_band=AgeBand.AGE_14_15)
        for _ in range(2)
    ]
    for person in trained:
        CourseAttendance.objects.create(course=current, young_person=person)
    CourseAttendance.objects.create(course=lapsed, young_person=factories.YoungPersonFactory())
    figure = beyond.trained_young_people(YEAR, Filters())
    assert figure.count.count == 2
    assert figure.count.keys % 256 == cell_key_of("young_person", [p.pk for p in trained])
    assert beyond.trained_young_people(YEAR, Filters(age_band=AgeBand.AGE_8_10)).count.count == 0
    other = factories.OrganisationFactory()
    assert beyond.trained_young_people(YEAR, Filters(organisation=other.pk)).count.count == 0
    measure = measure_for("trained_young_people")
    protected = figure_shown(measure, figure, exact=False)
    assert protected == disclosure.shown(figure.count, exact=False)
    assert protected in (SMALL, 5)  # two young people: never shown as 2


def test_an_indicator_on_a_title_links_to_the_evaluations_it_counts(organisation):
    set_ = indicator(
        name="Positive Takeover Day feedback",
        measure="positive_evaluations",
        target=90,
        session_kind=Session.Kind.EVENT,
        session_title="Takeover Day",
    )
    assert set_.session_title == "Takeover Day"
    name, query = measure_for("positive_evaluations").records(YEAR, Filters.of(set_))
    assert name == "involvement:evaluation-list"
    assert query == {"session_kind": "event", "q": "Takeover Day"}
    name, query = measure_for("decisions_involved").records(
        YEAR, Filters(organisation=organisation.pk)
    )
    assert (name, query["organisation"]) == ("involvement:activity-list", organisation.pk)
    assert measure_for("positive_evaluations").records(YEAR, Filters()) == (
        "involvement:evaluation-list",
        {},
    )


def test_a_title_filter_is_refused_where_the_measure_cannot_read_it():
    with pytest.raises(Exception, match="cannot be filtered by sessions titled"):
        indicator(measure="groups", target=5, session_title="Takeover Day")
