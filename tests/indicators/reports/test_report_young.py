"""The young people's version of a report: plain words, at a reading age of 9 or under."""

import pytest
import time_machine
from django.urls import reverse

from heard.indicators.reports import plain, services
from heard.indicators.reports.build import build
from heard.voice.readability import reading_age
from tests.indicators.reports.helpers import QUARTER, TODAY, records

pytestmark = pytest.mark.django_db

VIEW = reverse("indicators:report-view")
CHOICE = {"kind": "quarter", "start": "2026-07-01", "version": "young"}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.parametrize("role", ["lead", "board_member"])
def test_the_words_stay_at_a_reading_age_of_9(request, role, organisation):
    records(organisation)
    figures = build(user=request.getfixturevalue(role), period=QUARTER, organisation=None)
    said = plain.sentences(figures)
    assert reading_age(" ".join(said)) <= plain.READING_AGE == 9.0
    assert "We met with young people 2 times." in said
    assert "The services did 1 of the things they asked." in " ".join(said)
    assert "We set goals. We hit 1 of them." in " ".join(said)
    assert max(len(sentence.split()) for sentence in said) <= 12


def test_a_few_stands_for_a_protected_small_count():
    assert plain._amount("fewer than 5") == "a few"
    assert plain._amount(10) == "10"


def test_the_page_shows_the_plain_version_and_the_highlights(client_for, lead, organisation):
    records(organisation)
    page = client_for(lead).get(VIEW, CHOICE).content.decode()
    assert "What happened: July to September 2026" in page
    assert "You told us 1 things." in page
    assert "We want a quiet room." in page and "There is a quiet room now." in page
    report = services.report_issue(actor=lead, period=QUARTER)
    detail = reverse("indicators:report-detail", args=[report.pk])
    page = client_for(lead).get(detail, {"version": "young"}).content.decode()
    assert "We met with young people 2 times." in page
    assert f'href="{detail}"' in page
