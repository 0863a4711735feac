"""Issue 15, section 1, as a protected reader would attack reach (ADR 0008): two periods that
differ by one young person, and the home counts against reach for the same period. The reader
collects every figure the requests answer and tries every set of counts that fits them all
(tests/core/disclosure.py, ``cross_request_pins``); it must recover no count from 1 to 4."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from heard.groups.models import Group
from heard.participation.models import Degree
from heard.privacy.models import EqualityRecord, Ethnicity
from tests import factories
from tests.core.disclosure import cross_request_pins

pytestmark = pytest.mark.django_db

ETHNICITIES = [Ethnicity.ASIAN_INDIAN, Ethnicity.BLACK_AFRICAN, Ethnicity.WHITE_BRITISH]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False):
        yield


def _attend(day, ethnicity, *, area="A", group=None, active=True):
    person = factories.YoungPersonFactory(area=area)
    EqualityRecord.objects.create(young_person=person, ethnicity=ethnicity)
    session = factories.SessionFactory(
        date=day,
        group=group or factories.GroupFactory(),
        degree=Degree.ADULT_INITIATED_SHARED if active else Degree.CONSULTED_INFORMED,
    )
    factories.AttendanceFactory(session=session, young_person=person)
    return person


def _ethnicity_rows(report):
    table = next(t for t in report["tables"] if t["characteristic"] == "ethnicity")
    return {row["value"]: row["took_part"] for row in table["rows"]}, table["total_took_part"]


def test_two_periods_a_day_apart_give_nothing_away(api_for, board_member):
    """Issue: 14-15 November gave total 9 with an ethnicity "withheld" and another "fewer than
    5"; to the 16th, total 10 with the first one 6: the hidden 3 and 1 followed. Atoms: each
    ethnicity's young people who took part by the 15th (a), and the one more on the 16th (b)."""
    for ethnicity, count in zip(ETHNICITIES, (5, 3, 1), strict=True):
        for _ in range(count):
            _attend(datetime.date(2026, 11, 14), ethnicity)
    _attend(datetime.date(2026, 11, 16), ETHNICITIES[0])
    observations = []
    protected = True
    atoms = 2 * len(ETHNICITIES)  # (ethnicity j, by the 15th) = 2j, (only on the 16th) = 2j + 1
    for end, spans in (("2026-11-15", (0,)), ("2026-11-16", (0, 1))):
        response = api_for(board_member).get(f"/api/v1/reach/?area=A&start=2026-11-14&end={end}")
        if response.status_code == 400:
            assert "fixed reporting periods" in response.json()["start"][0]
            continue
        rows, total = _ethnicity_rows(response.json())
        protected = protected and response.json().get("exact") is False
        for j, ethnicity in enumerate(ETHNICITIES):
            observations.append((tuple(2 * j + s for s in spans), rows[ethnicity]))
        observations.append((tuple(2 * j + s for j in range(3) for s in spans), total))
    # And the fixed periods a protected reader may ask for that hold these days.
    for start, end in (("2026-10-01", "2026-12-31"), ("2026-04-01", "2026-12-31")):
        response = api_for(board_member).get(f"/api/v1/reach/?area=A&start={start}&end={end}")
        assert response.status_code == 200
        rows, total = _ethnicity_rows(response.json())
        protected = protected and response.json().get("exact") is False
        for j, ethnicity in enumerate(ETHNICITIES):
            observations.append(((2 * j, 2 * j + 1), rows[ethnicity]))
        observations.append((tuple(range(atoms)), total))
    assert cross_request_pins(atoms, observations, protected=protected) == []


def test_programme_staff_see_the_same_periods_exact(api_for, officer):
    """They may open every record behind reach: any period, exact counts."""
    for ethnicity, count in zip(ETHNICITIES, (3, 1, 5), strict=True):
        for _ in range(count):
            _attend(datetime.date(2026, 11, 14), ethnicity)
    _attend(datetime.date(2026, 11, 16), ETHNICITIES[0])
    for end, expected in (("2026-11-15", (3, 1, 5)), ("2026-11-16", (4, 1, 5))):
        report = api_for(officer).get(f"/api/v1/reach/?area=A&start=2026-11-14&end={end}").json()
        rows, total = _ethnicity_rows(report)
        assert tuple(rows[e] for e in ETHNICITIES) == expected
        assert total == sum(expected)


def test_home_counts_and_reach_agree_for_a_board_member(client_for, api_for, board_member):
    """Issue: the home page showed 173 active since 1 April and reach "took part 175, took part
    actively: withheld": the 2 followed. Now both show the same protected figure for the same
    young people and fixed period. Atoms: active through a Buddy Group (0), active elsewhere (1),
    took part but not actively (2)."""
    buddy = factories.GroupFactory(kind=Group.Kind.BUDDY_GROUP)
    for _ in range(6):
        _attend(datetime.date(2026, 9, 10), Ethnicity.WHITE_BRITISH, group=buddy)
    for _ in range(5):
        _attend(datetime.date(2026, 10, 10), Ethnicity.WHITE_BRITISH)
    for _ in range(2):
        _attend(datetime.date(2026, 11, 10), Ethnicity.WHITE_BRITISH, active=False)
    home = api_for(board_member).get("/api/v1/home-counts/").json()
    # (Before ADR 0008 the home counts ran from 1 April to today.)
    period = f"start={home.get('active_from', '2026-04-01')}&end={home.get('active_to', '')}"
    reach = api_for(board_member).get(f"/api/v1/reach/?{period}").json()
    assert home["active_young_people"] == reach["active"]
    observations = [
        ((0, 1), home["active_young_people"]),
        ((0,), home["active_via_buddy_groups"]),
        ((0, 1, 2), reach["took_part"]),
        ((0, 1), reach["active"]),
    ]
    for table in reach["tables"]:
        observations.append(((0, 1, 2), table["total_took_part"]))
        observations.append(((0, 1), table["total_active"]))
    protected = reach.get("exact") is False and home.get("protected") is True
    assert cross_request_pins(3, observations, protected=protected) == []
    page = client_for(board_member).get(reverse("home")).content.decode()
    assert "1 April 2026 to 31 December 2026" in page


def test_areas_organisations_and_the_whole_give_nothing_away(api_for, board_member):
    """The same output family across areas and organisations: a board member asks reach for
    area A, area B, each organisation and the whole partnership, for fixed periods. Atoms: the
    young people of one ethnicity by (area, organisation)."""
    organisations = [factories.OrganisationFactory(), factories.OrganisationFactory()]
    layout = {("A", 0): 3, ("A", 1): 1, ("B", 0): 2, ("B", 1): 6}
    atoms = list(layout)
    for (area, index), count in layout.items():
        group = factories.GroupFactory(host_organisation=organisations[index])
        for _ in range(count):
            _attend(datetime.date(2026, 8, 3), Ethnicity.ASIAN_INDIAN, area=area, group=group)
    api = api_for(board_member)
    observations = []
    protected = True
    for start, end in (("2026-07-01", "2026-09-30"), ("2026-04-01", "2026-09-30")):
        asks = [({}, [0, 1, 2, 3])]
        asks += [
            ({"area": area}, [j for j, a in enumerate(atoms) if a[0] == area]) for area in "AB"
        ]
        asks += [
            ({"organisation": o.pk}, [j for j, a in enumerate(atoms) if a[1] == index])
            for index, o in enumerate(organisations)
        ]
        asks += [
            ({"area": "A", "organisation": organisations[1].pk}, [1]),
            ({"area": "b", "organisation": organisations[0].pk}, [2]),
        ]
        for params, parts in asks:
            query = "&".join(f"{k}={v}" for k, v in {"start": start, "end": end, **params}.items())
            report = api.get(f"/api/v1/reach/?{query}").json()
            protected = protected and report.get("exact") is False
            rows, total = _ethnicity_rows(report)
            observations.append((tuple(parts), rows[Ethnicity.ASIAN_INDIAN]))
            observations.append((tuple(parts), total))
            observations.append((tuple(parts), report["took_part"]))
    assert protected
    assert cross_request_pins(len(atoms), observations, protected=protected) == []
    # The checker is not toothless: the same requests answered exact give the 1 away.
    exact = [(parts, sum(layout[atoms[j]] for j in parts)) for parts, _ in observations]
    assert ((1,), 1) in cross_request_pins(len(atoms), exact, protected=False)
