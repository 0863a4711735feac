"""A board member (the protected reader, ADR 0008) attacks the recognition totals per partner:
one quarter against the next and against the year to date, page against CSV and XLSX, a period
of their own choosing, and the counts beside each other in a row. The attack found no hole: the
figures are protected cells keyed by the young people (and recognitions) behind them, in fixed
periods only, and no combination of them pins a count from 1 to 4."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from heard.core import disclosure
from heard.core.suppression import SMALL
from heard.rewards import selectors
from tests import factories
from tests.core.disclosure import cross_request_pins
from tests.rewards.factories import RecognitionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)
Q1 = (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
Q2 = (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
YEAR = (datetime.date(2026, 4, 1), datetime.date(2026, 9, 30))


def _key(period):
    return f"{period[0].isoformat()}_{period[1].isoformat()}"


@pytest.fixture
def small_partner(organisation):
    """Two young people came in the first quarter only, one in the second only, one in both;
    one of them was given a certificate in the second quarter."""
    group = factories.GroupFactory(host_organisation=organisation)
    first = factories.SessionFactory(group=group, date=datetime.date(2026, 5, 5))
    second = factories.SessionFactory(group=group, date=datetime.date(2026, 8, 5))
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(4)]
    for person in people[:2]:
        factories.AttendanceFactory(session=first, young_person=person)
    factories.AttendanceFactory(session=second, young_person=people[2])
    factories.AttendanceFactory(session=first, young_person=people[3])
    factories.AttendanceFactory(session=second, young_person=people[3])
    RecognitionFactory(young_person=people[3], date=datetime.date(2026, 8, 6))
    return organisation


def _body(answer):
    if answer.streaming:
        return b"".join(answer.streaming_content)
    return answer.content


def _row(user, organisation, period):
    rows = selectors.totals_by_organisation(user, start=period[0], end=period[1])
    return next(row for row in rows if row.organisation == organisation)


def test_quarters_and_the_year_pin_no_small_count(small_partner, board_member, officer):
    figures = {}
    for name, period in (("q1", Q1), ("q2", Q2), ("year", YEAR)):
        exact = _row(officer, small_partner, period)
        row = _row(board_member, small_partner, period)
        assert not row.exact and exact.exact
        figures[name] = row.shown_young_people
        # The same young people give the same figure in both columns.
        assert row.shown_with_session_hours == row.shown_young_people
        for shown in (row.shown_young_people, row.shown_recognitions):
            assert shown == 0 or shown == SMALL or shown % 5 == 0
    assert (
        _row(officer, small_partner, Q1).shown_young_people,
        _row(officer, small_partner, Q2).shown_young_people,
        _row(officer, small_partner, YEAR).shown_young_people,
    ) == (3, 2, 4)
    # Atoms: the first quarter only (2), the second only (1), both (1).
    observations = [([0, 2], figures["q1"]), ([1, 2], figures["q2"]), ([0, 1, 2], figures["year"])]
    assert cross_request_pins(3, observations) == []


def test_page_csv_and_xlsx_agree_and_other_periods_are_refused(
    small_partner, board_member, client_for, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    client = client_for(board_member)
    url = reverse("rewards:recognition-partners")
    row = _row(board_member, small_partner, YEAR)
    expected = [str(row.shown_young_people), str(row.shown_recognitions)]
    csv = client.get(url, {"period": _key(YEAR), "format": "csv"})
    assert csv.status_code == 200
    line = next(x for x in _body(csv).decode().splitlines() if small_partner.name in x)
    assert all(figure in line.split(",") for figure in expected)
    xlsx = client.get(url, {"period": _key(YEAR), "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(_body(xlsx))).active
    cells = next(r for r in sheet.iter_rows(values_only=True) if r[0] == small_partner.name)
    assert [str(c) for c in cells[1:4]] == [expected[0], expected[0], expected[1]]
    assert "Protected" in cells
    # A month of their own, or all time, is not a choice: the default period is shown.
    default = _body(client.get(url, {"format": "csv"}))
    for asked in ("2026-05-01_2026-05-31", "all", "2026-04-01_2026-08-31"):
        assert _body(client.get(url, {"period": asked, "format": "csv"})) == default
    assert disclosure.default_period(TODAY) == YEAR


def test_a_partner_workers_own_row_is_exact_only_when_they_may_open_it_all(
    organisation, other_organisation, partner_worker
):
    """The hole: a partner worker saw their organisation's row exact, though it counted a
    recognition their organisation gave to another organisation's young person, which they may
    not open (recognitions follow their young person): their row's 2 recognitions less the 1
    they can list gave it away. Such a row is now protected for them (exact for programme
    staff); a row of their own young people only stays exact."""
    RecognitionFactory(young_person=factories.YoungPersonFactory(organisation=organisation))
    theirs = factories.YoungPersonFactory(organisation=other_organisation)
    given = RecognitionFactory(young_person=theirs, organisation=organisation)
    assert given not in selectors.recognitions_visible_to(partner_worker)
    row = _row(partner_worker, organisation, (None, None))
    assert not row.exact
    assert row.shown_recognitions in (SMALL, 5)
    assert row.shown_young_people in (SMALL, 5)
    given.delete()
    row = _row(partner_worker, organisation, (None, None))
    assert row.exact and row.shown_recognitions == 1 and row.shown_young_people == 1
