"""Logging a session asks its date with GOV.UK's date input; the session list filters by date
from the boxes or from a link's ISO date (issue 17)."""

from django.urls import reverse

from tests import factories
from tests.core.date_input import assert_date_error, assert_date_input


def test_session_date_is_three_boxes_and_29_february_2026_is_not_a_date(client_for, officer):
    group = factories.GroupFactory()
    client = client_for(officer)
    url = reverse("participation:session-create") + f"?group={group.pk}"
    assert_date_input(client.get(url).content.decode(), "date")
    page = client.post(url, {"date_day": "29", "date_month": "2", "date_year": "2026"})
    assert page.status_code == 200
    assert_date_error(
        page.content.decode(), "date", "The date of the session must be a real date", {"day"}
    )


def test_the_session_list_filters_by_the_boxes_or_an_iso_link(client_for, officer):
    client = client_for(officer)
    url = reverse("participation:session-list")
    html = client.get(url, {"date_from": "2026-01-01"}).content.decode()
    assert_date_input(html, "date_from")
    assert 'name="date_from_year" type="text" inputmode="numeric" value="2026"' in html
    bad = client.get(url, {"date_to_day": "1", "date_to_month": "", "date_to_year": "2026"})
    assert "The end date must include a month" in bad.content.decode()
