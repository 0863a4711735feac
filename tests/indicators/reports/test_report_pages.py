"""The Reports page, a report for a period (web, CSV, XLSX), issuing it and reading it issued."""

import csv
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.indicators.models import IssuedReport
from tests.indicators.reports.helpers import QUARTER, TODAY, pdf_of, records

pytestmark = pytest.mark.django_db

LIST = reverse("indicators:report-list")
VIEW = reverse("indicators:report-view")
ISSUE = reverse("indicators:report-create")
CHOICE = {"kind": "quarter", "start": "2026-07-01"}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.parametrize("role", ["lead", "officer", "board_member"])
def test_the_reports_page_is_in_the_navigation(client_for, request, role):
    page = client_for(request.getfixturevalue(role)).get(reverse("home")).content.decode()
    assert f'href="{LIST}"' in page
    page = client_for(request.getfixturevalue(role)).get(LIST).content.decode()
    assert "Quarterly monitoring report" in page and "Annual report" in page
    assert "July to September 2026" in page and "April 2026 to March 2027" in page


@pytest.mark.parametrize("role", ["partner_worker", "theme_lead", "safeguarding_lead"])
def test_others_may_not_read_reports(client_for, request, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(LIST).status_code == 403
    assert client.get(VIEW, CHOICE).status_code == 403


def test_a_quarterly_report_shows_every_section(client_for, lead, organisation):
    records(organisation)
    page = client_for(lead).get(VIEW, CHOICE).content.decode()
    for heading in (
        "Indicators",
        "Action plan progress by standard",
        "Kite marks held at the end of the period",
        "Provision reviews: recommendations",
        "You said, we did: the loop figures",
        "Sessions by degree of participation",
        "Sessions by type of participation",
        "Themes and groups",
        "Highlights: you said, we did",
    ):
        assert heading in page
    assert "We want a quiet room." in page and "There is a quiet room now." in page
    assert "Issue this report" in page


def test_a_period_not_offered_is_404(client_for, lead):
    client = client_for(lead)
    assert client.get(VIEW, {"kind": "quarter", "start": "2026-07-02"}).status_code == 404
    assert client.get(VIEW, {"kind": "week", "start": "2026-07-01"}).status_code == 404
    assert client.get(VIEW, {**CHOICE, "format": "csv", "table": "nope"}).status_code == 404


def test_every_table_downloads_as_csv_and_xlsx(client_for, lead, organisation):
    records(organisation)
    client = client_for(lead)
    answer = client.get(VIEW, {**CHOICE, "format": "csv", "table": "sessions_by_degree"})
    text = b"".join(answer.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Degree of participation", "Sessions"]
    assert ["Young people initiated and directed", "1"] in rows
    answer = client.get(VIEW, {**CHOICE, "format": "xlsx", "table": "plans"})
    body = b"".join(answer.streaming_content) if answer.streaming else answer.content
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Standard" and values[1][-1] == 3


def test_issuing_keeps_the_report_as_it_read(client_for, lead, organisation):
    records(organisation)
    client = client_for(lead)
    answer = client.post(ISSUE, {**CHOICE, "organisation": organisation.pk})
    report = IssuedReport.objects.get()
    assert answer.url == reverse("indicators:report-detail", args=[report.pk])
    assert (report.kind, report.starts_on, report.ends_on) == (
        "quarter",
        QUARTER.start,
        QUARTER.end,
    )
    assert report.organisation == organisation and report.issued_by == lead
    assert AuditEntry.objects.filter(event="report.issued").count() == 1
    # The records change; the issued report does not.
    from heard.participation.models import Session

    Session.objects.all().delete()
    page = client.get(answer.url).content.decode()
    assert "Issued" in page and organisation.name in page and "We want a quiet room." in page
    assert "Issue this report" not in page
    answer = client.get(answer.url, {"format": "csv", "table": "sessions_by_degree"})
    text = b"".join(answer.streaming_content).decode("utf-8-sig")
    assert "Young people initiated and directed,1" in text
    listing = client.get(LIST).content.decode()
    assert reverse("indicators:report-detail", args=[report.pk]) in listing


def test_board_members_may_not_issue(client_for, board_member):
    client = client_for(board_member)
    assert "Issue this report" not in client.get(VIEW, CHOICE).content.decode()
    assert client.post(ISSUE, CHOICE).status_code == 403
    assert client.get(reverse("indicators:report-detail", args=[999])).status_code == 404


def test_a_report_issued_by_heard_itself_says_so(client_for, lead, board_member, organisation):
    from heard.indicators.reports import services

    records(organisation)
    report = services.report_issue(actor=None, period=QUARTER)
    assert report.issued_by is None and report.figures["exact"]["exact"] is True
    detail = reverse("indicators:report-detail", args=[report.pk])
    assert "by Heard itself" in client_for(lead).get(detail).content.decode()
    assert pdf_of(client_for(board_member), detail).startswith(b"%PDF")
