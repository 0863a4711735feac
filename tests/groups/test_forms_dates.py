"""A theme review's date is GOV.UK's date input (issue 17)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from heard.groups.models import ThemeReview
from tests import factories
from tests.core.date_input import assert_date_error, assert_date_input


def test_review_date_is_three_boxes_with_its_errors(client_for, lead):
    theme = factories.ThemeFactory(lead=lead)
    client = client_for(lead)
    url = reverse("groups:theme-review-add", args=[theme.pk])
    assert_date_input(client.get(url).content.decode(), "date")
    form = {
        "summary": "Two groups met.",
        "decision": ThemeReview.Decision.values[0],
        "date_day": "31",
        "date_month": "4",
        "date_year": "2026",
    }
    html = client.post(url, form).content.decode()
    assert_date_error(html, "date", "Date of the review must be a real date", {"day"})
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    future = {"date_day": tomorrow.day, "date_month": tomorrow.month, "date_year": tomorrow.year}
    html = client.post(url, form | future).content.decode()
    assert_date_error(
        html, "date", "Date of the review must be today or in the past", {"day", "month", "year"}
    )
    done = client.post(url, form | {"date_day": "30"})
    assert done.status_code == 302
    assert ThemeReview.objects.get(theme=theme).date == datetime.date(2026, 4, 30)
