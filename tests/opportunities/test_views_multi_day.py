"""A multi-day opportunity's end (another day, at a time) is set on the web form as through the
API, shown again on edit, and refused when it comes before the start."""

import datetime

from django.urls import reverse
from django.utils import timezone

from heard.opportunities.models import Opportunity
from tests.opportunities.test_views import opportunity_form

ENDS_22_NOVEMBER = {"ends_on_day": "22", "ends_on_month": "11", "ends_on_year": "2026"}


def test_a_multi_day_opportunity_is_added_and_edited_on_the_web(
    client_for, partner_worker, organisation
):
    client = client_for(partner_worker)
    create = reverse("opportunities:opportunity-create")
    assert 'name="ends_on_day"' in client.get(create).content.decode()
    answer = client.post(
        create, opportunity_form(organisation, ends_time="12:00", **ENDS_22_NOVEMBER)
    )
    assert answer.status_code == 302, answer.content.decode()
    opportunity = Opportunity.objects.get()
    ends = timezone.localtime(opportunity.ends_at)
    assert (ends.date(), ends.time()) == (datetime.date(2026, 11, 22), datetime.time(12, 0))
    detail = client.get(answer["Location"]).content.decode()
    assert "Friday 20 November 2026, 16:00 to Sunday 22 November 2026, 12:00" in detail
    edit = reverse("opportunities:opportunity-edit", args=[opportunity.pk])
    page = client.get(edit).content.decode()
    assert 'name="ends_on_day" type="text" inputmode="numeric" value="22"' in page
    same_day = client.post(edit, opportunity_form(organisation, title="Panel"))
    assert same_day.status_code == 302
    opportunity.refresh_from_db()
    assert timezone.localtime(opportunity.ends_at).date() == datetime.date(2026, 11, 20)


def test_an_end_before_the_start_or_without_a_time_is_refused(
    client_for, partner_worker, organisation
):
    client = client_for(partner_worker)
    create = reverse("opportunities:opportunity-create")
    before = client.post(
        create,
        opportunity_form(organisation, ends_on_day="19", ends_on_month="11", ends_on_year="2026"),
    )
    assert "The date it ends must be on or after the date it starts" in before.content.decode()
    untimed = client.post(create, opportunity_form(organisation, ends_time="", **ENDS_22_NOVEMBER))
    assert "Enter the time it ends" in untimed.content.decode()
    assert not Opportunity.objects.exists()
