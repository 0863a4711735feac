"""Every page that offers its list as CSV offers it as XLSX too, and both hold the same cells.

The demo partnership is loaded once; each demo role opens every page of the site that takes no
ids, and on each that links to ``?format=csv`` follows that link and the XLSX one beside it (with
the page's own search and filters) and compares the two downloads cell by cell: what the role's
CSV holds (its rows, columns and disclosure) is what its XLSX holds.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import re
from html import unescape

import openpyxl
import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from heard.core.exports import XLSX_CONTENT_TYPE
from heard.demo import data
from heard.people.models import User
from tests.demo_database import NOW

#: Pages not opened: signing out ends the session; the API and the admin are not list pages.
SKIPPED = ("sign-out/", "api/", "django-admin/", "__bench__", "portal/", "healthz")
#: operations: the health endpoints answer load balancers in JSON (heard.core.health).
SKIPPED = (*SKIPPED, "health/")
#: Lists the demo (with the concern below) fills, compared with rows in them.
WITH_ROWS = {
    "/sign-in-events/",
    "/people/young-people/",
    "/people/organisations/",
    "/people/staff/",
    "/groups/themes/",
    "/groups/calendar/",
    "/groups/",
    "/sessions/monitoring/",
    "/sessions/",
    "/voice/",
    "/voice/feedback-owed/",
    "/safeguarding/concerns/",
    "/safeguarding/checks/",
    "/safeguarding/training/",
    "/privacy/reach/",
}
LINK = re.compile(r'href="\?([^"]*format=(csv|xlsx)[^"]*)"')


def _routes(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and "<" not in str(entry.pattern):
            route = prefix + str(entry.pattern)
            if "<" not in route and not route.startswith(SKIPPED):
                yield "/" + route


@pytest.fixture
def demo(loaded_demo, db):
    with time_machine.travel(NOW, tick=False):
        yield loaded_demo


@pytest.fixture
def formulas(demo):
    """Text a spreadsheet would run, in a list every staff role but the board sees, and a
    concern (the demo has none), raised through the service."""
    from heard.people.models import YoungPerson
    from heard.safeguarding.services import concern_raise

    person = YoungPerson.objects.order_by("pk").first()
    YoungPerson.objects.filter(pk=person.pk).update(
        first_name="=1+1", preferred_name="@SUM(A1)", area="-2+3"
    )
    concern_raise(
        actor=User.objects.get(email=data.OFFICER_EMAIL),
        what_happened="+cmd",
        happened_at=timezone.now() - datetime.timedelta(days=1),
        who_was_present="=HYPERLINK(1)",
        immediate_action="Told the safeguarding lead.",
        child_told="That we would talk to someone.",
        young_person=person,
    )


def _as_csv_text(value) -> str:
    """An XLSX cell as the CSV writes the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _same_cell(csv_cell: str, xlsx_cell) -> bool:
    if csv_cell.startswith("'") and csv_cell[1:].startswith(("=", "+", "-", "@", "\t", "\r")):
        csv_cell = csv_cell[1:]  # the CSV's guard against formulas; the XLSX holds text
    if isinstance(xlsx_cell, bool):
        return csv_cell == str(xlsx_cell)
    if isinstance(xlsx_cell, int | float):
        return decimal.Decimal(csv_cell) == decimal.Decimal(str(xlsx_cell))
    if isinstance(xlsx_cell, datetime.datetime):
        if len(csv_cell) == 10:  # a date
            return xlsx_cell == datetime.datetime.fromisoformat(csv_cell)
        at = datetime.datetime.fromisoformat(csv_cell)
        return timezone.make_naive(at) == xlsx_cell if timezone.is_aware(at) else at == xlsx_cell
    return csv_cell == _as_csv_text(xlsx_cell)


def _downloads(client, path: str) -> tuple[str, str] | None:
    """The page's CSV and XLSX queries, or None if it offers no CSV (and then no XLSX)."""
    response = client.get(path)
    if response.status_code != 200 or "text/html" not in response["Content-Type"]:
        return None
    links = {kind: unescape(query) for query, kind in LINK.findall(response.content.decode())}
    assert ("csv" in links) == ("xlsx" in links), f"{path} offers {sorted(links)}"
    return (links["csv"], links["xlsx"]) if links else None


def test_every_page_offering_csv_offers_xlsx_with_the_same_cells(formulas, client):
    compared: dict[str, int] = {}
    for spec in (spec for spec in data.STAFF if spec.login):
        client.force_login(User.objects.get(email=spec.email))
        for path in _routes(get_resolver().url_patterns):
            queries = _downloads(client, path)
            if queries is None:
                continue
            csv_response = client.get(f"{path}?{queries[0]}")
            xlsx_response = client.get(f"{path}?{queries[1]}")
            assert xlsx_response["Content-Type"] == XLSX_CONTENT_TYPE, path
            csv_name = csv_response["Content-Disposition"].removesuffix('.csv"')
            assert xlsx_response["Content-Disposition"] == csv_name + '.xlsx"', path
            text = b"".join(csv_response.streaming_content).decode()
            csv_rows = list(csv.reader(io.StringIO(text)))
            body = b"".join(xlsx_response.streaming_content)
            sheet = openpyxl.load_workbook(io.BytesIO(body)).active
            xlsx_rows = list(sheet.iter_rows(values_only=True))
            assert len(csv_rows) == len(xlsx_rows), (spec.role, path)
            for csv_row, xlsx_row in zip(csv_rows, xlsx_rows, strict=True):
                assert len(csv_row) == len(xlsx_row), (spec.role, path)
                pairs = zip(csv_row, xlsx_row, strict=True)
                assert all(_same_cell(c, x) for c, x in pairs), (spec.role, path, csv_row)
            compared[f"{spec.role} {path}"] = len(csv_rows) - 1
        client.logout()
    pages = {key.split(" ", 1)[1] for key in compared}
    # Every list page of the site (the 15 StaffListViews, sign-in events and reach), with rows.
    assert len(pages) >= 17, sorted(pages)
    assert sum(compared.values()) > 1000
    with_rows = {key.split(" ", 1)[1] for key, rows in compared.items() if rows}
    assert with_rows >= WITH_ROWS, sorted(WITH_ROWS - with_rows)
    assert compared["safeguarding_lead /safeguarding/concerns/"] == 1


def _xlsx(response) -> list[tuple]:
    body = b"".join(response.streaming_content)
    return list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


def test_an_xlsx_download_of_concerns_is_audited_as_one(formulas, client):
    from heard.core.models import AuditEntry

    client.force_login(User.objects.get(email=data.SAFEGUARDING_EMAIL))
    before = AuditEntry.objects.filter(event="concern.read").count()
    rows = _xlsx(client.get("/safeguarding/concerns/", {"format": "xlsx"}))
    assert len(rows) == 2
    read = AuditEntry.objects.filter(event="concern.read").order_by("pk")
    assert read.count() == before + 1
    assert read.last().metadata == {"via": "xlsx"}


def test_formula_text_is_text_in_the_xlsx_and_guarded_in_the_csv(formulas, client):
    client.force_login(User.objects.get(email=data.OFFICER_EMAIL))
    url = "/people/young-people/"
    text = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode()
    [guarded] = [row for row in csv.reader(io.StringIO(text)) if "'=1+1" in row]
    assert "'@SUM(A1)" in guarded and "'-2+3" in guarded
    [row] = [row for row in _xlsx(client.get(url, {"format": "xlsx"})) if "=1+1" in row]
    assert "@SUM(A1)" in row and "-2+3" in row


def test_the_api_has_no_xlsx(formulas):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(User.objects.get(email=data.OFFICER_EMAIL))
    assert api.get("/api/v1/young-people/", {"format": "xlsx"}).status_code == 404
    listed = api.get("/api/v1/young-people/")
    assert listed.status_code == 200 and listed["Content-Type"] == "application/json"
