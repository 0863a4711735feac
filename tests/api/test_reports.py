"""Issued reports over the API: issued by leads and officers, read by board members with
protected figures, refused to everyone else; a period not offered is a 400."""

import pytest
import time_machine

from heard.core.models import AuditEntry
from heard.indicators.models import IssuedReport
from tests.indicators.reports.helpers import TODAY, records

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _active(figures):
    (table,) = [t for t in figures["tables"] if t["key"] == "indicators"]
    return next(row for row in table["rows"] if row[0] == "Active")[1]


def test_a_lead_issues_and_a_board_member_reads_it_protected(
    api_for, lead, board_member, organisation
):
    records(organisation)
    answer = api_for(lead).post(URL, {"kind": "quarter", "start": "2026-07-01"}, format="json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert (body["kind"], body["starts_on"], body["ends_on"]) == (
        "quarter",
        "2026-07-01",
        "2026-09-30",
    )
    assert body["figures"]["exact"] is True and _active(body["figures"]) == "7"
    assert AuditEntry.objects.filter(event="report.issued").count() == 1

    board = api_for(board_member)
    listed = board.get(URL).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    assert "figures" not in listed["results"][0]
    one = board.get(f"{URL}{body['id']}/").json()
    assert one["figures"]["exact"] is False and _active(one["figures"]) in ("5", "10")


def test_an_organisations_report(api_for, officer, organisation):
    records(organisation)
    answer = api_for(officer).post(
        URL,
        {"kind": "year", "start": "2026-04-01", "organisation": organisation.pk},
        format="json",
    )
    assert answer.status_code == 201
    assert IssuedReport.objects.get().organisation == organisation


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "quarter", "start": "2026-07-02"},
        {"kind": "year", "start": "2020-04-01"},
        {"kind": "week", "start": "2026-07-01"},
        {"kind": "quarter"},
    ],
)
def test_a_period_not_offered_is_refused(api_for, lead, data):
    answer = api_for(lead).post(URL, data, format="json")
    assert answer.status_code == 400
    assert not IssuedReport.objects.exists()


@pytest.mark.parametrize("role", ["partner_worker", "theme_lead", "safeguarding_lead"])
def test_others_may_not_read_or_issue(api_for, request, role):
    client = api_for(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"kind": "quarter", "start": "2026-07-01"}).status_code == 403


def test_a_board_member_may_not_issue(api_for, board_member):
    answer = api_for(board_member).post(URL, {"kind": "quarter", "start": "2026-07-01"})
    assert answer.status_code == 403
    assert api_for(board_member).get(f"{URL}12345/").status_code == 404
