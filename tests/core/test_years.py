"""The partnership year, one rule for every page, count and summary."""

import datetime

import pytest

from heard.core import years
from heard.participation.models import Session
from tests import factories


@pytest.mark.parametrize(
    ("day", "year", "label"),
    [
        (datetime.date(2026, 3, 31), 2025, "2025-26"),
        (datetime.date(2026, 4, 1), 2026, "2026-27"),
        (datetime.date(2027, 1, 15), 2026, "2026-27"),
        (datetime.date(2099, 12, 31), 2099, "2099-00"),
    ],
)
def test_the_year_starts_on_1_april(day, year, label):
    assert years.partnership_year(day) == year
    start, end = years.year_bounds(year)
    assert start <= day <= end and (end - start).days in (364, 365)
    assert years.year_start(day) == start
    assert years.year_label(year) == label


@pytest.mark.django_db
def test_the_same_rule_in_sql():
    days = [datetime.date(2026, 3, 31), datetime.date(2026, 4, 1), datetime.date(2027, 2, 28)]
    for day in days:
        factories.SessionFactory(date=day)
    found = Session.objects.annotate(year=years.year_of("date")).values_list("date", "year")
    assert sorted(found) == [(day, years.partnership_year(day)) for day in days]
