"""A record's history is a table drawn from its columns: every cell carries its column's label,
so each entry stacks on a 320 px screen, and its time reads "4 December 2026, 09:30"."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from heard.people import services

pytestmark = pytest.mark.django_db


def test_history_entries_stack_under_their_labels(client_for, officer):
    with time_machine.travel(datetime.datetime(2026, 12, 4, 9, 30, tzinfo=datetime.UTC)):
        organisation = services.organisation_create(
            actor=officer, name="Fenland Youth", kind="voluntary"
        )
    services.organisation_update(actor=officer, organisation=organisation, area="Wisbech")
    url = reverse("core:history", args=["people.organisation", organisation.pk])
    page = client_for(officer).get(url).content.decode()
    assert "heard-table--stacked" in page
    assert 'data-label="When">4 December 2026, 09:30</td>' in page
    assert f'data-label="Who">{officer.full_name}</td>' in page
    assert "<strong>Area</strong>" in page
