"""Logging a session on a phone (issue 17): at 320 px a worker logs a typical session for a group
in no more than 8 interactions (clicks, fills, choices and key presses, counted here), from the
group's page or from Home (with JavaScript on and off, so the server-side path is measured
too); the page is never wider than the screen, the form has no axe-core violations, and the
session then shows with who came."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from heard.participation.models import Degree, ParticipationType, Session
from tests import factories
from tests.browser.helpers import assert_accessible, assert_no_script_errors

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 800}
MOST_INTERACTIONS = 8


class Counted:
    """The worker's hands: every click, fill, choice or key press goes through here, counted."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0

    def click(self, locator: Any, *, navigates: bool = True) -> None:
        self.count += 1
        if navigates:
            with self.page.expect_navigation():
                locator.click()
        else:
            locator.click()

    def check(self, locator: Any) -> None:
        self.count += 1
        locator.check()

    def uncheck(self, locator: Any) -> None:
        self.count += 1
        locator.uncheck()

    def select(self, locator: Any, **option: Any) -> None:
        self.count += 1
        locator.select_option(**option)

    def fill(self, locator: Any, text: str) -> None:
        self.count += 1
        locator.fill(text)


def _fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{page.url} is {width} px wide at 320 px"


@pytest.fixture
def usual_group(organisation, partner_worker):
    """A group of five with three earlier sessions: three members came to most of them."""
    factories.BackgroundCheckFactory(staff=partner_worker)
    group = factories.GroupFactory(host_organisation=organisation, name="Riverside Buddy Group")
    members = [
        factories.MembershipFactory(group=group, joined_on=datetime.date(2026, 1, 5)).young_person
        for _ in range(5)
    ]
    today = timezone.localdate()
    for weeks, came in ((3, members[:4]), (2, members[:3]), (1, members[:3])):
        session = factories.SessionFactory(
            group=group,
            date=today - datetime.timedelta(weeks=weeks),
            kind=Session.Kind.GROUP_SESSION,
            degree=Degree.ADULT_INITIATED_SHARED,
            participation_type=ParticipationType.SOCIAL,
        )
        for person in came:
            factories.AttendanceFactory(session=session, young_person=person)
    return group, members


def _check_logged(page: Any, group: Any, came: list[Any], worker: Any, *, axe: bool = True) -> None:
    session = Session.objects.filter(group=group).latest("id")
    assert page.url.endswith(reverse("participation:session-detail", args=[session.pk]))
    assert session.date == timezone.localdate()
    assert session.kind == Session.Kind.GROUP_SESSION
    assert session.degree == Degree.ADULT_INITIATED_SHARED
    assert session.participation_type == ParticipationType.SOCIAL
    assert list(session.staff_present.all()) == [worker]
    assert set(session.attendances.values_list("young_person_id", flat=True)) == {
        person.pk for person in came
    }
    text = page.locator("main").inner_text()
    assert "Session logged" in text
    for person in came:
        assert person.reference in text
    _fits(page)
    if axe:
        assert_accessible(page)


def test_from_the_groups_page_in_three_interactions(logged_in_page, partner_worker, usual_group):
    group, members = usual_group
    page = logged_in_page(partner_worker)
    page.set_viewport_size(NARROW)
    page.goto(reverse("groups:group-detail", args=[group.pk]))
    hands = Counted(page)

    hands.click(page.get_by_role("link", name="Log a session"))
    _fits(page)
    assert_accessible(page)
    assert page.get_by_role("checkbox", name=members[0].reference).is_checked()
    assert not page.get_by_role("checkbox", name=members[3].reference).is_checked()
    page.screenshot(path=str(_results() / "session-journey-320.png"), full_page=True)
    # A fourth member came this time.
    hands.check(page.get_by_role("checkbox", name=members[3].reference))
    hands.click(page.get_by_role("button", name="Log session"))

    assert hands.count <= MOST_INTERACTIONS
    assert hands.count == 3
    _check_logged(page, group, members[:4], partner_worker)
    assert_no_script_errors(page)


@pytest.mark.parametrize("javascript", [False, True], ids=["no-javascript", "javascript"])
def test_from_home(chromium, live_server, partner_worker, usual_group, javascript):
    group, members = usual_group
    context = chromium.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        java_script_enabled=javascript,
        locale="en-GB",
        viewport=NARROW,
    )
    client = Client()
    client.force_login(partner_worker)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    try:
        page.goto(reverse("home"))
        hands = Counted(page)

        hands.click(page.get_by_role("button", name="Log a session"))
        _fits(page)
        if javascript:  # axe-core is a script: it cannot run in a page with JavaScript off
            assert_accessible(page)
            page.screenshot(path=str(_results() / "session-choose-320.png"), full_page=True)
        hands.select(page.get_by_label("Which group?"), label=group.name)
        hands.click(page.get_by_role("button", name="Continue"))
        _fits(page)
        if javascript:
            assert_accessible(page)
            page.locator("summary", has_text="Add more detail").click()  # not counted: a look
            _fits(page)
            assert_accessible(page)
            page.screenshot(path=str(_results() / "session-detail-open-320.png"), full_page=True)
            page.locator("summary", has_text="Add more detail").click()
        # Two of the usual three came this time.
        hands.uncheck(page.get_by_role("checkbox", name=members[2].reference))
        hands.click(page.get_by_role("button", name="Log session"))

        assert hands.count <= MOST_INTERACTIONS
        _check_logged(page, group, members[:2], partner_worker, axe=javascript)
    finally:
        context.close()


def test_a_one_to_one_finds_the_young_person_by_name(logged_in_page, partner_worker, organisation):
    """The one-to-one path: part of a name typed, the matches offered as radios (name first,
    reference beside), the one chosen recorded as attending and linked to their record."""
    factories.BackgroundCheckFactory(staff=partner_worker)
    amara = factories.YoungPersonFactory(
        first_name="Amara", last_name="Okafor", preferred_name="", organisation=organisation
    )
    factories.YoungPersonFactory(
        first_name="Tamar", last_name="Lewis", preferred_name="", organisation=organisation
    )
    factories.YoungPersonFactory(
        first_name="Amarachi", organisation=factories.OrganisationFactory()
    )
    page = logged_in_page(partner_worker)
    page.set_viewport_size(NARROW)
    page.goto(reverse("participation:session-create"))
    hands = Counted(page)

    hands.fill(page.get_by_label("Or find one young person"), "amar")
    hands.click(page.get_by_role("button", name="Continue"))
    _fits(page)
    assert_accessible(page)
    offered = page.get_by_role("radio")
    assert offered.count() == 2  # Amara and Tamar: not another organisation's Amarachi
    page.screenshot(path=str(_results() / "session-one-to-one-found-320.png"), full_page=True)
    hands.check(page.get_by_role("radio", name=f"Amara Okafor ({amara.reference})"))
    hands.click(page.get_by_role("button", name="Continue"))
    _fits(page)
    assert_accessible(page)
    assert page.url.endswith(f"?young_person={amara.reference}")
    assert "Amara Okafor is recorded as attending" in page.locator("main").inner_text()
    hands.check(page.get_by_role("radio", name="One-to-one review"))
    hands.check(page.get_by_role("radio", name=Degree.CONSULTED_INFORMED.label, exact=True))
    hands.check(page.get_by_role("radio", name=ParticipationType.INDIVIDUAL.label, exact=True))
    hands.click(page.get_by_role("button", name="Log session"))

    session = Session.objects.get(young_person=amara)
    assert page.url.endswith(reverse("participation:session-detail", args=[session.pk]))
    assert list(session.attendances.values_list("young_person_id", flat=True)) == [amara.pk]
    assert list(session.staff_present.all()) == [partner_worker]
    assert session.degree == Degree.CONSULTED_INFORMED
    link = page.get_by_role("link", name="Amara Okafor").first
    assert link.get_attribute("href") == reverse("people:young-person-detail", args=[amara.pk])
    assert hands.count == 8
    _fits(page)
    assert_accessible(page)
    assert_no_script_errors(page)


def _results() -> Any:
    results = Path(settings.BASE_DIR) / "test-results"
    results.mkdir(exist_ok=True)
    return results
