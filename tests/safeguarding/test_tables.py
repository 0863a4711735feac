"""Safeguarding's tables are drawn from their columns (heard.core.tables): each cell carries its
column's label so that a row stacks on a phone, dates read "15 January 2029", and the CSV
exports keep their headers."""

import datetime
import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

STACKED = "govuk-table heard-table--stacked"


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def csv_header(client, name):
    response = client.get(reverse(name), {"format": "csv"})
    return b"".join(response.streaming_content).decode().splitlines()[0]


def cell(html, label):
    """The text of the first cell labelled ``label``."""
    found = re.search(rf'data-label="{label}">(.*?)</td>', html, re.S)
    assert found, f"no cell labelled {label}"
    return found.group(1)


def test_check_list_stacks_links_for_those_who_may_change_and_tags_expired(
    client_for, officer, safeguarding_lead
):
    check = factories.BackgroundCheckFactory(
        issued_on=datetime.date(2023, 1, 15), renewal_due=datetime.date(2026, 1, 15)
    )
    html = page(client_for(officer), "safeguarding:check-list")
    assert STACKED in html
    edit = reverse("safeguarding:check-edit", args=[check.pk])
    assert edit in cell(html, "Staff")
    assert cell(html, "Issued on") == "15 January 2023"
    assert "15 January 2026" in cell(html, "Renewal due")
    assert "Expired" in cell(html, "Renewal due")
    assert 'data-label="Email"' not in html  # the CSV's column only
    lead_view = page(client_for(safeguarding_lead), "safeguarding:check-list")
    assert edit not in lead_view and check.staff.full_name in cell(lead_view, "Staff")
    assert csv_header(client_for(officer), "safeguarding:check-list") == (
        "Staff,Email,Kind,Certificate number,Issued on,Renewal due"
    )


def test_checks_due_is_a_stacked_table(client_for, officer):
    factories.BackgroundCheckFactory(renewal_due=datetime.date(2026, 10, 20))
    html = page(client_for(officer), "safeguarding:checks-due")
    assert STACKED in html
    assert cell(html, "Renewal due") == "20 October 2026"


def test_training_list_reads_a_record_without_expiry(client_for, officer, safeguarding_lead):
    record = factories.TrainingRecordFactory(expires_on=None)
    html = page(client_for(officer), "safeguarding:training-list")
    assert STACKED in html
    assert reverse("safeguarding:training-edit", args=[record.pk]) in cell(html, "Course")
    assert cell(html, "Completed on") == "1 March 2026"
    assert cell(html, "Expires on") == "Does not expire"
    lead_view = page(client_for(safeguarding_lead), "safeguarding:training-list")
    assert cell(lead_view, "Course") == record.course
    assert csv_header(client_for(officer), "safeguarding:training-list") == (
        "Staff,Email,Course,Completed on,Expires on"
    )


def test_concern_list_and_trail_are_stacked_tables(client_for, safeguarding_lead):
    concern = factories.ConcernFactory(young_person=None)
    client = client_for(safeguarding_lead)
    html = page(client, "safeguarding:concern-list")
    assert STACKED in html
    assert reverse("safeguarding:concern-detail", args=[concern.pk]) in cell(html, "Reference")
    assert cell(html, "Young person") == "Not recorded"
    assert cell(html, "Assigned to") == "Nobody yet"
    assert "govuk-tag--red" in cell(html, "Status")
    assert csv_header(client, "safeguarding:concern-list") == (
        "Reference,Raised,Young person,Status,Assigned to,Decision,Referral date,Closed,"
        "Urgent,How it was raised"
    )
    detail = page(client, "safeguarding:concern-detail", concern.pk)
    trail = detail[detail.index('id="trail"') :]
    assert STACKED in trail
    assert f"Audit trail of concern {concern.reference}, newest first" in trail
    assert cell(trail, "When").startswith("15 October 2026, ")
