"""Names are single lines (issue 15, section 5): refused with a line break or control character
on the page, in the API and in the services; a row stored before that still exports."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from heard.core.validators import is_single_line, one_line
from heard.groups import services as group_services
from heard.groups.models import Group
from heard.participation import services as session_services
from heard.people import services as people_services
from tests import factories

BROKEN = ["Riverside\r\nClub", "Riverside\nClub", "Riverside\tClub", "Riverside\x00", "A\u2028B"]


@pytest.mark.parametrize("text", BROKEN)
def test_control_characters_are_not_one_line(text):
    assert not is_single_line(text)
    assert is_single_line(one_line(text))
    assert is_single_line("Ysgol Gymraeg – Ŵyn & <Friends> 🙂")


@pytest.mark.parametrize("name", BROKEN)
def test_group_name_with_a_line_break_is_refused(lead, organisation, name):
    with pytest.raises(ValidationError) as caught:
        group_services.group_create(
            actor=lead, name=name, kind=Group.Kind.YOUTH_COUNCIL, host_organisation=organisation
        )
    assert caught.value.message_dict["name"] == [
        "Enter the name on one line: remove line breaks, tabs and other control characters."
    ]
    group = factories.GroupFactory(host_organisation=organisation)
    with pytest.raises(ValidationError):
        group_services.group_update(actor=lead, group=group, name=name)


def test_other_names_are_single_lines(lead, admin_user, organisation):
    person = factories.YoungPersonFactory(organisation=organisation)
    for field in ("first_name", "last_name", "preferred_name", "area"):
        person.refresh_from_db()
        with pytest.raises(ValidationError) as caught:
            people_services.young_person_update(
                actor=lead, young_person=person, **{field: "Sam\r\nX"}
            )
        assert list(caught.value.message_dict) == [field]
    with pytest.raises(ValidationError, match="organisation name|name on one line"):
        people_services.organisation_update(actor=lead, organisation=organisation, name="A\nB")
    staff = factories.UserFactory()
    with pytest.raises(ValidationError, match="full name on one line"):
        people_services.staff_update(actor=admin_user, user=staff, full_name="A\r\nB")
    theme = factories.ThemeFactory()
    with pytest.raises(ValidationError, match="title on one line"):
        group_services.theme_update(actor=lead, theme=theme, title="A\nB")
    session = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    with pytest.raises(ValidationError, match="title on one line"):
        session_services.session_update(actor=lead, session=session, title="Visit\r\n")


def test_the_group_page_shows_the_message(client_for, officer, organisation):
    client = client_for(officer)
    response = client.post(
        reverse("groups:group-create"),
        {
            "name": "Riverside\r\nClub",
            "kind": "youth_council",
            "host_organisation": organisation.pk,
            "leads": [officer.pk],
            "stage": "proposed",
            "cadence": "monthly",
        },
    )
    assert response.status_code == 200
    assert "Enter the name on one line" in response.content.decode()
    assert not Group.objects.exists()


def test_the_api_answers_400(api_for, lead, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    person = factories.YoungPersonFactory(organisation=organisation)
    api = api_for(lead)
    response = api.patch(f"/api/v1/groups/{group.pk}/", {"name": "A\r\nB"}, format="json")
    assert response.status_code == 400
    assert "one line" in response.json()["name"][0]
    response = api.patch(
        f"/api/v1/young-people/{person.pk}/", {"preferred_name": "Sam\u2028X"}, format="json"
    )
    assert response.status_code == 400
    assert "one line" in response.json()["preferred_name"][0]


def _calendar(response):
    assert response.status_code == 200
    return Calendar.from_ical(b"".join(response.streaming_content))


def test_calendar_exports_a_name_stored_before_the_check(client_for, officer):
    """The issue's 500: a group name with CR/LF, stored before names were checked."""
    group = factories.GroupFactory(name="Riverside")
    factories.SessionFactory(group=group, date=datetime.date(2026, 10, 1), title="Plan\r\nday")
    Group.objects.filter(pk=group.pk).update(name="Riverside\r\nClub")
    group.host_organisation.__class__.objects.filter(pk=group.host_organisation_id).update(
        name="Host\nOrg"
    )
    client = client_for(officer)
    for url in (
        reverse("groups:group-calendar-ics", args=[group.pk]),
        reverse("groups:calendar-ics"),
    ):
        calendar = _calendar(client.get(url))
        summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
        assert summaries == {"Overdue visit: Riverside  Club", "Plan  day: Riverside  Club"}
        descriptions = [str(event.get("DESCRIPTION", "")) for event in calendar.walk("VEVENT")]
        assert any("(Host Org)" in text for text in descriptions)
    calendar = _calendar(client.get(reverse("groups:group-calendar-ics", args=[group.pk])))
    assert str(calendar["X-WR-CALNAME"]) == "Heard: Riverside  Club"
