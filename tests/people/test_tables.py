"""The people pages' tables are drawn from their columns: every cell carries its column's label,
so on a 320 px screen each row stacks into a card; the CSV export reads the same columns."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from heard.core.roles import Role
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.django_db


def _html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _csv(client, url):
    response = client.get(url, {"format": "csv"})
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_young_people_list_stacks_each_cell_under_its_label(client_for, officer, organisation):
    young_person = YoungPersonFactory(organisation=organisation, is_active=False)
    html = _html(client_for(officer), reverse("people:young-person-list"))
    assert "heard-table--stacked" in html
    for label in ("Reference", "Name", "Age band", "Supporting organisation", "Status"):
        assert f'data-label="{label}"' in html, label
    link = reverse("people:young-person-detail", args=[young_person.pk])
    name = f"{young_person.first_name} {young_person.last_name}"
    assert f'<a class="govuk-link" href="{link}">{name}</a>' in html
    assert '<strong class="govuk-tag govuk-tag--grey">Not active</strong>' in html


def test_young_people_csv_keeps_its_columns(client_for, officer, organisation):
    YoungPersonFactory(organisation=organisation)
    header = _csv(client_for(officer), reverse("people:young-person-list"))[0]
    assert header == [
        "Reference",
        "First name",
        "Last name",
        "Preferred name",
        "Age band",
        "Supporting organisation",
        "Area",
        "Contact preference",
        "Active",
    ]


def test_a_partner_worker_sees_only_their_own_organisations_count(
    client_for, make_user, organisation
):
    YoungPersonFactory(organisation=organisation)
    other = OrganisationFactory(name="Other Trust")
    YoungPersonFactory(organisation=other)
    YoungPersonFactory(organisation=other)
    client = client_for(make_user(Role.PARTNER_WORKER, organisation=organisation))
    html = _html(client, reverse("people:organisation-list"))
    cells = html.split('data-label="Active young people">')[1:]
    counts = sorted(cell.split("</td>")[0] for cell in cells)
    assert counts == ["-", "1"]
    assert "Active young people" not in _csv(client, reverse("people:organisation-list"))[0]


def test_an_officer_sees_and_downloads_every_organisations_count(client_for, officer):
    YoungPersonFactory(organisation=OrganisationFactory(name="Other Trust"))
    client = client_for(officer)
    html = _html(client, reverse("people:organisation-list"))
    assert 'govuk-table__cell--numeric" data-label="Active young people">1</td>' in html
    header = _csv(client, reverse("people:organisation-list"))[0]
    assert header[0] == "Name" and header[-1] == "Active young people"
    assert "Point of contact" in header


def test_young_person_detail_tables_read_whole_dates(client_for, officer, organisation):
    membership = MembershipFactory(
        group__host_organisation=organisation, joined_on=datetime.date(2026, 4, 1)
    )
    html = _html(
        client_for(officer),
        reverse("people:young-person-detail", args=[membership.young_person.pk]),
    )
    assert 'data-label="Joined">1 April 2026</td>' in html
    assert 'data-label="Left">Still a member</td>' in html


def test_import_problems_are_a_labelled_table(client_for, officer):
    upload = SimpleUploadedFile("people.csv", b"first_name,organisation\nAda,Nowhere\n", "text/csv")
    response = client_for(officer).post(reverse("people:young-person-import"), {"file": upload})
    html = response.content.decode()
    assert '<div id="import-problems">' in html
    assert 'data-label="Line">1</td>' in html
    assert 'data-label="Column">age_band</td>' in html


def test_young_person_details_keep_line_breaks_and_escape_text(client_for, officer, organisation):
    young_person = YoungPersonFactory(
        organisation=organisation, communication_needs="Pictures\n<b>Short words</b>", area=""
    )
    html = _html(client_for(officer), reverse("people:young-person-detail", args=[young_person.pk]))
    assert "Pictures<br>&lt;b&gt;Short words&lt;/b&gt;</dd>" in html
    assert '<dd class="govuk-summary-list__value">Not given</dd>' in html
