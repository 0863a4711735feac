"""The young person form's date of birth is GOV.UK's date input (issue 17)."""

from django.urls import reverse

from tests.core.date_input import assert_date_error, assert_date_input


def test_date_of_birth_is_three_boxes_and_a_missing_month_is_named(client_for, officer):
    client = client_for(officer)
    url = reverse("people:young-person-create")
    assert_date_input(client.get(url).content.decode(), "date_of_birth")
    page = client.post(
        url,
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "date_of_birth_day": "27",
            "date_of_birth_month": "",
            "date_of_birth_year": "2012",
        },
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert_date_error(html, "date_of_birth", "Date of birth must include a month", {"month"})
    # What was typed stays in the boxes; the birthday is autocompleted.
    assert 'name="date_of_birth_day" type="text" inputmode="numeric" value="27"' in html
    assert 'autocomplete="bday-year"' in html
