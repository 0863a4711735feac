"""Consent's date is GOV.UK's date input; its question is not the subject of its errors
(issue 17)."""

from django.urls import reverse

from tests import factories
from tests.core.date_input import assert_date_error, assert_date_input


def test_consent_date_is_three_boxes_with_its_errors(client_for, officer, organisation):
    young_person = factories.YoungPersonFactory(organisation=organisation)
    client = client_for(officer)
    url = reverse("privacy:consent-add", args=[young_person.pk])
    assert_date_input(client.get(url).content.decode(), "given_on")
    form = {"purpose": "quotes", "given_by": "young_person", "how": "verbal"}
    html = client.post(url, form | {"given_on_year": "2026"}).content.decode()
    assert_date_error(
        html, "given_on", "The date it was given must include a day and month", {"day", "month"}
    )
    html = client.post(url, form).content.decode()
    assert_date_error(html, "given_on", "Enter the date it was given", {"day", "month", "year"})
