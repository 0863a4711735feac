"""The private calendar subscription's pages, and the feed read without signing in: it answers
404 for an unknown, replaced or turned-off token, and shows what its owner may see now."""

import datetime
import re
from urllib.parse import urlencode

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.people import services as people_services
from heard.people.models import CalendarFeed
from tests import factories

NOW = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
PAGE = reverse("groups:calendar-subscription")
NEW = reverse("groups:calendar-subscription-new")
OFF = reverse("groups:calendar-subscription-off")


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _feed_url(token):
    return reverse("groups:calendar-feed") + "?" + urlencode({"key": token})


def _summaries(token):
    """The feed's event titles, read as a calendar app reads it: no session, no cookie."""
    response = Client().get(_feed_url(token))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    calendar = Calendar.from_ical(b"".join(response.streaming_content))
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


def _not_found(token):
    return Client().get(_feed_url(token)).status_code == 404


@pytest.fixture
def groups(organisation, other_organisation):
    ours = factories.GroupFactory(name="Ours", host_organisation=organisation)
    factories.SessionFactory(group=ours, date=datetime.date(2026, 10, 1), title="Planning day")
    factories.GroupFactory(name="Theirs", host_organisation=other_organisation)


def test_the_calendar_page_links_to_the_subscription(client_for, officer):
    page = client_for(officer).get(reverse("groups:calendar")).content.decode()
    assert f'href="{PAGE}"' in page and "subscribe in Outlook or on your phone" in page


def test_making_an_address_shows_it_once_and_the_feed_reads_without_signing_in(
    client_for, officer, groups
):
    client = client_for(officer)
    page = client.get(PAGE).content.decode()
    assert "Subscribe in Outlook or on your phone" in page
    assert "You do not have an address yet." in page and f'action="{NEW}"' in page
    made = client.post(NEW)
    assert made.status_code == 200 and "no-cache" in made["Cache-Control"]
    html = made.content.decode()
    [token] = re.findall(r'value="http://testserver/groups/calendar/feed\.ics\?key=([^"]+)"', html)
    assert f'href="webcal://testserver/groups/calendar/feed.ics?key={token}"' in html
    assert _summaries(token) == {
        "Overdue visit: Ours",
        "Planning day: Ours",
        "Overdue visit: Theirs",
    }
    # Afterwards the page says when it was made, never the address again.
    again = client.get(PAGE).content.decode()
    assert token not in again and "You made your address on 20 November 2026" in again
    assert f'href="{NEW}"' in again and f'href="{OFF}"' in again
    assert AuditEntry.objects.filter(event="calendar_feed.made", actor=officer).count() == 1


def test_a_new_address_is_confirmed_first_and_the_old_one_stops_at_once(client_for, officer):
    client = client_for(officer)
    old = people_services.calendar_feed_make(actor=officer)
    confirm = client.get(NEW).content.decode()
    assert "will stop working at once" in confirm and 'method="post"' in confirm
    assert not _not_found(old)  # asking is not doing
    html = client.post(NEW).content.decode()
    assert "Your old address no longer works." in html
    assert _not_found(old)
    (new,) = re.findall(r'value="http://testserver/groups/calendar/feed\.ics\?key=([^"]+)"', html)
    assert _summaries(new) == set()


def test_turning_it_off_is_confirmed_first_and_then_the_feed_is_not_found(client_for, officer):
    client = client_for(officer)
    token = people_services.calendar_feed_make(actor=officer)
    confirm = client.get(OFF)
    assert confirm.status_code == 200 and "Turn it off" in confirm.content.decode()
    assert not _not_found(token)
    response = client.post(OFF)
    assert response.status_code == 302 and response["Location"] == PAGE
    assert _not_found(token)
    assert not CalendarFeed.objects.exists()
    assert AuditEntry.objects.filter(event="calendar_feed.turned_off", actor=officer).exists()
    # With nothing to turn off, the page says so.
    nothing = client.get(OFF, follow=True)
    assert "You have no calendar address to turn off." in nothing.content.decode()


@pytest.mark.parametrize("token", ["unknown", "a" * 43, "x" * 200])
def test_an_unknown_token_is_not_found(officer, token):
    people_services.calendar_feed_make(actor=officer)
    assert _not_found(token)


def test_the_feed_shows_only_what_its_owner_may_see(partner_worker, officer, groups):
    """Another user's address never shows this user's data, and a partner worker's only theirs."""
    partner = people_services.calendar_feed_make(actor=partner_worker)
    staff = people_services.calendar_feed_make(actor=officer)
    assert _summaries(partner) == {"Overdue visit: Ours", "Planning day: Ours"}
    assert "Overdue visit: Theirs" in _summaries(staff)


def test_the_feed_follows_its_owners_current_role_and_account(make_user, organisation, groups):
    """A role change narrows the feed at once; a deactivated owner's feed is not found; a role
    that may not see the calendar gets nothing either."""
    user = make_user(role=Role.PARTICIPATION_OFFICER)
    token = people_services.calendar_feed_make(actor=user)
    assert "Overdue visit: Theirs" in _summaries(token)
    user.role, user.organisation = Role.PARTNER_WORKER, organisation
    user.save()
    assert _summaries(token) == {"Overdue visit: Ours", "Planning day: Ours"}
    user.role, user.organisation = "", None
    user.save()
    assert _not_found(token)
    user.role = Role.PARTICIPATION_OFFICER
    user.is_active = False
    user.save()
    assert _not_found(token)
    user.is_active = True
    user.save()
    assert "Overdue visit: Theirs" in _summaries(token)


def test_the_pages_need_sign_in_and_the_calendar_permission(client, make_user):
    for url in (PAGE, NEW):
        response = client.get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"]
    client.force_login(make_user(role=""))
    assert client.get(PAGE).status_code == 403
    assert client.post(NEW).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_the_feed_answers_only_get_and_needs_its_key(officer):
    token = people_services.calendar_feed_make(actor=officer)
    assert Client().post(_feed_url(token)).status_code == 405
    assert Client().head(_feed_url(token)).status_code == 200  # some calendar apps ask first
    assert Client().get(reverse("groups:calendar-feed")).status_code == 404
