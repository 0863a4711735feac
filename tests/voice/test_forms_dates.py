"""Feedback's date is GOV.UK's date input, and may not be after today (issue 17)."""

from django.urls import reverse

from tests import factories
from tests.core.date_input import assert_date_error, assert_date_input


def test_feedback_date_is_three_boxes_and_not_after_today(client_for, officer, session):
    view = factories.ViewFactory(session=session)
    response = factories.ResponseFactory(views=[view])
    client = client_for(officer)
    url = reverse("voice:feedback-create", args=[response.pk])
    assert_date_input(client.get(url).content.decode(), "date")
    # Voice tests run on 20 November 2026.
    form = {"date_day": "21", "date_month": "11", "date_year": "2026", "channel": "in_person"}
    html = client.post(url, form).content.decode()
    assert_date_error(
        html,
        "date",
        "The date they were told must be today or in the past",
        {"day", "month", "year"},
    )
    html = client.post(url, form | {"date_year": ""}).content.decode()
    assert_date_error(html, "date", "The date they were told must include a year", {"year"})
