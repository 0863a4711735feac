"""The report's build at its edges: indicators it leaves out, an organisation's report, and a
page whose queries do not grow with the records."""

import dataclasses
import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.indicators.measures import measure_for
from heard.indicators.models import Indicator
from heard.indicators.reports import build as build_module
from heard.indicators.reports.build import build
from tests import factories
from tests.indicators.indicator_helpers import attended, council
from tests.indicators.reports.helpers import QUARTER, TODAY, records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _names(figures):
    (table,) = [t for t in figures["tables"] if t["key"] == "indicators"]
    return [row[0] for row in table["rows"]]


def test_an_indicator_whose_measure_left_the_library_is_left_out(lead, organisation):
    records(organisation)
    Indicator.objects.filter(name="Active").update(measure="gone")
    assert _names(build(user=lead, period=QUARTER, organisation=None)) == ["Sessions held"]


def test_an_organisations_report_leaves_out_what_it_cannot_narrow(lead, organisation, monkeypatch):
    records(organisation)
    partnership_only = dataclasses.replace(measure_for("sessions"), filters=frozenset())

    def fake(key):
        return partnership_only if key == "sessions" else measure_for(key)

    monkeypatch.setattr(build_module, "measure_for", fake)
    assert _names(build(user=lead, period=QUARTER, organisation=organisation)) == ["Active"]
    assert _names(build(user=lead, period=QUARTER, organisation=None)) == [
        "Active",
        "Sessions held",
    ]


def test_an_organisations_report_counts_its_own_records_only(lead, organisation):
    records(organisation)
    other = factories.OrganisationFactory()
    attended(council(other), datetime.date(2026, 8, 3), 6)
    mine = build(user=lead, period=QUARTER, organisation=organisation)
    everyone = build(user=lead, period=QUARTER, organisation=None)

    def active(figures):
        (table,) = [t for t in figures["tables"] if t["key"] == "indicators"]
        return next(row for row in table["rows"] if row[0] == "Active")[1]

    assert (active(mine), active(everyone)) == ("7", "13")
    assert mine["organisation_name"] == organisation.name


def test_the_pages_queries_do_not_grow_with_the_records(client_for, lead, organisation):
    records(organisation)
    client = client_for(lead)
    path = reverse("indicators:report-view")
    choice = {"kind": "quarter", "start": "2026-07-01"}
    client.get(path, choice)
    with CaptureQueriesContext(connection) as before:
        client.get(path, choice)
    other = factories.OrganisationFactory()
    group = council(other)
    factories.GroupThemeFactory(group=group, theme=factories.ThemeFactory())
    for day in (3, 4, 5):
        attended(group, datetime.date(2026, 8, day), 4)
    factories.ResponseFactory(
        views=[
            factories.ViewFactory(
                session=None,
                organisation=other,
                recorded_on=datetime.date(2026, 8, 6),
                consent="publish",
            )
        ]
    )
    with CaptureQueriesContext(connection) as after:
        client.get(path, choice)
    assert len(after) == len(before)
