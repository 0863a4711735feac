"""The new user's first journey from the README, in a real browser and without shortcuts.

Add two young people, a group with both as members, log a session for the group; the group's next
visit and the home page counts change. axe-core checks every page on the way.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heard.core.roles import Role
from heard.groups.models import Group
from heard.participation.models import Session
from heard.people.models import YoungPerson
from tests.browser.helpers import assert_accessible, assert_no_script_errors, fill_date
from tests.factories import (
    AttendanceFactory,
    BackgroundCheckFactory,
    GroupFactory,
    OrganisationFactory,
    SessionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


def _count(page, label_start: str) -> int:
    item = page.locator(".heard-count", has_text=label_start).first
    return int(item.locator(".heard-count__number").inner_text())


def _add_young_person(page, live_server, first_name: str) -> YoungPerson:
    page.goto(live_server.url + reverse("people:young-person-create"))
    assert_accessible(page)
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("11 to 13").check()
    page.get_by_label("Supporting organisation").select_option(label="Riverside Youth Project")
    page.get_by_role("button", name="Add young person").click()
    page.wait_for_load_state()
    return YoungPerson.objects.get(first_name=first_name)


def test_new_user_adds_people_and_a_group_and_logs_a_session(signed_in_page, live_server):
    OrganisationFactory(name="Riverside Youth Project")
    ThemeFactory(title="Mental health", period="2026-27")
    # Five young people already active this year, so the count below is not a small one (counts
    # of young people from 1 to 4 are shown as "fewer than 5").
    earlier = SessionFactory(
        group=GroupFactory(name="Hillside Buddy Group"), date=timezone.localdate()
    )
    for _ in range(5):
        AttendanceFactory(session=earlier)
    officer = UserFactory(role=Role.PARTICIPATION_OFFICER, full_name="Olu Officer")
    # A current DBS check: the session form ticks them as present, so their visit moves the
    # group's visit clock (a session with no staff present does not).
    BackgroundCheckFactory(staff=officer)
    page = signed_in_page(officer)

    page.goto(live_server.url + reverse("home"))
    assert_accessible(page)
    sessions_before = _count(page, "this quarter")
    active_before = _count(page, "actively participating")

    amara = _add_young_person(page, live_server, "Amara")
    assert amara.reference in page.content()
    assert_accessible(page)
    ben = _add_young_person(page, live_server, "Ben")

    today = timezone.localdate()
    page.goto(live_server.url + reverse("groups:group-create"))
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Riverside Buddy Group")
    page.get_by_label("Kind").select_option(label="Buddy Group")
    page.get_by_label("Host organisation").select_option(label="Riverside Youth Project")
    page.get_by_label("Starting stage").select_option(label="Active")
    fill_date(page, "id_start_date", today - datetime.timedelta(days=60))
    page.get_by_label("Visit or meeting cadence").select_option(label="Monthly visits")
    page.get_by_role("button", name="Add group").click()
    page.wait_for_load_state()
    group = Group.objects.get(name="Riverside Buddy Group")
    assert_accessible(page)
    # Never visited: due a month after it started, so already overdue.
    assert "Overdue" in page.content()

    for person in (amara, ben):
        page.get_by_role("link", name="Add a member").click()
        assert_accessible(page)
        page.get_by_label("Young person").select_option(value=str(person.pk))
        fill_date(page, "id_joined_on", today - datetime.timedelta(days=30))
        page.get_by_role("button", name="Add member").click()
        page.wait_for_load_state()
    assert group.memberships.filter(left_on__isnull=True).count() == 2

    page.get_by_role("link", name="Log a session").click()
    assert_accessible(page)
    fill_date(page, "id_date", today)
    page.get_by_label("Visit", exact=True).check()
    page.get_by_label("Young people initiated, shared decisions with adults").check()
    page.get_by_label("Public (forums, councils, surveys, boards)").check()
    page.get_by_label(amara.reference, exact=False).check()
    page.get_by_label(ben.reference, exact=False).check()
    page.get_by_role("button", name="Log session").click()
    page.wait_for_load_state()
    session = Session.objects.get(group=group)
    assert session.attendances.count() == 2
    assert list(session.staff_present.all()) == [officer]
    assert_accessible(page)
    assert_no_script_errors(page)

    page.goto(live_server.url + reverse("groups:group-detail", args=[group.pk]))
    next_due = today + datetime.timedelta(days=Group.CADENCE_DAYS[Group.Cadence.MONTHLY])
    assert f"{next_due.day} {next_due:%B %Y}" in page.content()  # "5 January 2027"
    assert "Overdue" not in page.content()

    page.goto(live_server.url + reverse("home"))
    assert _count(page, "this quarter") == sessions_before + 1
    assert _count(page, "actively participating") == active_before + 2
    assert_accessible(page)
