"""Every figure of an issued report recomputed from the raw records with independent queries
(SQL on the tables, not the selectors or measures that built it), then compared."""

import pytest
import time_machine
from django.db import connection

from heard.indicators.reports import services
from heard.participation.models import Degree, ParticipationType
from heard.plans.models import Progress
from tests.indicators.reports.helpers import QUARTER, TODAY, records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def sql(query, *params):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def table(report, key):
    (found,) = [t for t in report.figures["exact"]["tables"] if t["key"] == key]
    return found


def between():
    return QUARTER.start.isoformat(), QUARTER.end.isoformat()


def test_every_figure_equals_an_independent_recomputation(lead, organisation):
    records(organisation)
    report = services.report_issue(actor=lead, period=QUARTER)
    start, end = between()

    by = dict(
        sql(
            (
                "select degree, count(*) from participation_session where date between "
                "%s and %s group by degree"
            ),
            start,
            end,
        )
    )
    assert table(report, "sessions_by_degree")["rows"] == [
        [str(label), by.get(value, 0)] for value, label in Degree.choices
    ]
    by = dict(
        sql(
            (
                "select participation_type, count(*) from participation_session where "
                "date between %s and %s group by participation_type"
            ),
            start,
            end,
        )
    )
    assert table(report, "sessions_by_type")["rows"] == [
        [str(label), by.get(value, 0)] for value, label in ParticipationType.choices
    ]
    sessions = sql(
        ("select count(*) from participation_session where date between %s and %s"), start, end
    )[0][0]
    attendees = sql(
        (
            "select count(distinct a.young_person_id) from participation_attendance "
            "a join participation_session s on s.id = a.session_id where s.date "
            "between %s and %s"
        ),
        start,
        end,
    )[0][0]
    indicators = {row[0]: row for row in table(report, "indicators")["rows"]}
    assert indicators["Sessions held"][1] == str(sessions) == "2"
    assert indicators["Active"][1] == str(attendees) == "7"
    assert indicators["Active"][3] == "On target"

    progress = dict(
        sql(
            (
                "select a.progress, count(*) from plans_action a join plans_outcome o "
                "on o.id = a.outcome_id join plans_actionplan p on p.id = o.plan_id "
                "where p.starts_on <= %s and p.ends_on >= %s group by a.progress"
            ),
            end,
            start,
        )
    )
    (plan_row,) = table(report, "plans")["rows"]
    assert plan_row[1:] == [progress.get(value, 0) for value in Progress.values] + [
        sum(progress.values())
    ]

    outcomes = dict(
        sql(
            (
                "select r.outcome, count(*) from audits_recommendation r join "
                "audits_provisionreview v on v.id = r.review_id where v.visit_date "
                "between %s and %s group by r.outcome"
            ),
            start,
            end,
        )
    )
    (review_row,) = table(report, "provision_reviews")["rows"]
    assert review_row[1:] == [
        sum(outcomes.values()),
        outcomes.get("acted_on", 0),
        outcomes.get("not_acted_on", 0),
        outcomes.get("", 0),
    ]

    held = sql(
        (
            "select count(*) from audits_audit where decision = 'awarded' and date "
            "<= %s and expires_on >= %s"
        ),
        end,
        end,
    )[0][0]
    assert len(table(report, "kite_marks")["rows"]) == held == 1

    recorded = sql(
        ("select count(*) from voice_view where recorded_on between %s and %s"), start, end
    )[0][0]
    loop = dict(table(report, "loop")["rows"])
    assert loop["Views recorded"] == str(recorded)

    published = sql(
        (
            "select v.text from voice_view v where v.consent = 'publish' and "
            "v.recorded_on between %s and %s and exists (select 1 from "
            "voice_response_views rv where rv.view_id = v.id)"
        ),
        start,
        end,
    )
    assert [row[1] for row in table(report, "highlights")["rows"]] == [
        text for (text,) in published
    ]

    themes = sql(
        "select t.title, count(distinct gt.group_id) from groups_grouptheme gt "
        "join groups_theme t on t.id = gt.theme_id group by t.title"
    )
    assert [(row[0], row[2]) for row in table(report, "themes")["rows"]] == sorted(themes)
