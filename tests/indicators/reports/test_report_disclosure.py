"""Every format of a report applies the disclosure policy (ADR 0008): exact for readers of
every record behind it, protected beyond, the same figures on the page, in the CSV, the XLSX,
the PDF and an issued report; comparing two reports does not give away a count under 5."""

import csv
import datetime
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from heard.indicators.reports import services
from heard.indicators.reports.build import build
from tests import factories
from tests.indicators.indicator_helpers import attended, council, indicator
from tests.indicators.reports.helpers import QUARTER, TODAY, pdf_of, records

pytestmark = pytest.mark.django_db

VIEW = reverse("indicators:report-view")
CHOICE = {"kind": "quarter", "start": "2026-07-01"}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _row(figures, key, name):
    (table,) = [t for t in figures["tables"] if t["key"] == key]
    return next(row for row in table["rows"] if row[0] == name)


def _body(answer):
    return b"".join(answer.streaming_content) if answer.streaming else answer.content


def test_a_board_member_sees_protected_figures_in_every_format(
    client_for, board_member, lead, organisation
):
    records(organisation)  # 7 young people took part actively in the quarter
    exact = build(user=lead, period=QUARTER, organisation=None)
    protected = build(user=board_member, period=QUARTER, organisation=None)
    assert exact["exact"] and not protected["exact"]
    assert _row(exact, "indicators", "Active")[1] == "7"
    shown = _row(protected, "indicators", "Active")[1]
    assert shown in ("5", "10")
    assert _row(protected, "indicators", "Sessions held")[1] == "2"  # work: exact for all

    client = client_for(board_member)
    page = client.get(VIEW, CHOICE).content.decode()
    assert "Protected figure" in page
    text = _body(client.get(VIEW, {**CHOICE, "format": "csv", "table": "indicators"}))
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert rows[1][:2] == ["Active", shown]
    xlsx = _body(client.get(VIEW, {**CHOICE, "format": "xlsx", "table": "indicators"}))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert [cell.value for cell in next(sheet.iter_rows(min_row=2))][:2] == ["Active", shown]
    pdf = pdf_of(client, VIEW, CHOICE)
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Protected figure" in pdf_text
    assert f"Active {shown}" in " ".join(pdf_text.split())


def test_an_issued_report_is_protected_for_the_board_and_exact_for_the_lead(
    client_for, board_member, lead, organisation
):
    records(organisation)
    report = services.report_issue(actor=lead, period=QUARTER)
    detail = reverse("indicators:report-detail", args=[report.pk])
    lead_csv = _body(client_for(lead).get(detail, {"format": "csv", "table": "indicators"}))
    assert "Active,7," in lead_csv.decode()
    board = client_for(board_member)
    board_csv = _body(board.get(detail, {"format": "csv", "table": "indicators"})).decode()
    assert "Active,7," not in board_csv
    assert "Protected figure" in board.get(detail).content.decode()
    pdf = pdf_of(board, detail)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Issued on" in text and "Active 7" not in text


@pytest.mark.parametrize("small", [1, 2, 3, 4])
def test_the_partnership_less_one_organisation_does_not_give_away_a_small_count(
    board_member, small
):
    indicator(name="Active", target=5)
    big, tiny = factories.OrganisationFactory(), factories.OrganisationFactory()
    attended(council(big), datetime.date(2026, 8, 3), 11)
    attended(council(tiny), datetime.date(2026, 8, 4), small)
    whole = build(user=board_member, period=QUARTER, organisation=None)
    less = build(user=board_member, period=QUARTER, organisation=big)
    alone = build(user=board_member, period=QUARTER, organisation=tiny)
    values = [_row(figures, "indicators", "Active")[1] for figures in (whole, less, alone)]
    assert values[2] in ("Fewer than 5", "5")
    numbers = [int(value) if value.isdigit() else 0 for value in values]
    assert all(number % 5 == 0 for number in numbers)
    assert (numbers[0] - numbers[1]) % 5 == 0  # the difference is never the count of 1 to 4


def test_the_pdf_carries_each_indicators_trend_chart(client_for, lead, organisation):
    records(organisation)
    figures = build(user=lead, period=QUARTER, organisation=None)
    titles = [chart["title"] for chart in figures["charts"]]
    assert titles == ["Active: the last four quarters", "Sessions held: the last four quarters"]
    assert "Apr to Jun 2026: 3" in figures["charts"][0]["alt"]
    pdf = pdf_of(client_for(lead), VIEW, CHOICE)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Active: the last four quarters" in text
