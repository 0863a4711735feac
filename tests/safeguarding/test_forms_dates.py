"""A training record's dates are GOV.UK's date input (issue 17)."""

import datetime

from django.urls import reverse

from heard.safeguarding.models import TrainingRecord
from tests.core.date_input import assert_date_error, assert_date_input


def test_training_dates_are_three_boxes_with_their_errors(client_for, officer):
    client = client_for(officer)
    url = reverse("safeguarding:training-create")
    html = client.get(url).content.decode()
    assert_date_input(html, "completed_on")
    assert_date_input(html, "expires_on")
    form = {"staff": officer.pk, "course": "Child protection"}
    completed = {"completed_on_day": "1", "completed_on_month": "9", "completed_on_year": "2026"}
    html = client.post(url, form | completed | {"completed_on_month": "13"}).content.decode()
    assert_date_error(
        html, "completed_on", "The date it was completed must be a real date", {"month"}
    )
    assert client.post(url, form | completed).status_code == 302
    assert TrainingRecord.objects.get().completed_on == datetime.date(2026, 9, 1)


def test_the_time_of_a_concern_is_a_govuk_text_box_not_the_browsers_time_box(client_for, officer):
    client = client_for(officer)
    html = client.get(reverse("safeguarding:concern-raise")).content.decode()
    assert_date_input(html, "happened_on")
    assert 'type="time"' not in html
    assert 'name="happened_time" class="govuk-input govuk-input--width-5"' in html
    assert "Use the 24-hour clock, for example 14:30." in html
    page = client.post(reverse("safeguarding:concern-raise"), {"happened_time": "half two"})
    assert "Enter the time it happened as hours and minutes, like 14:30" in page.content.decode()
