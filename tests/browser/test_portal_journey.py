"""The young person's journey in a real browser: a worker gives a sign-in code, the young person
signs in with it, reads what happened to what they said, and rates the answer. axe-core checks
every portal and public page on the way, and the pages fit a phone's screen.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heard.core.roles import Role
from heard.privacy import services as privacy_services
from heard.voice import services as voice_services
from heard.voice.models import Rating, View
from tests.browser.helpers import assert_accessible, assert_no_script_errors
from tests.factories import (
    AttendanceFactory,
    GroupFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
    ThemeFactory,
    UserFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def _fits_the_screen(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def _check(page) -> None:
    assert_accessible(page)
    assert_no_script_errors(page)


def test_young_person_signs_in_with_a_code_and_rates_a_response(logged_in_page, live_server):
    today = timezone.localdate()
    officer = UserFactory(role=Role.PARTICIPATION_OFFICER, full_name="Olu Officer")
    organisation = OrganisationFactory(name="Riverside Youth Project")
    theme = ThemeFactory(title="Getting around")
    group = GroupFactory(host_organisation=organisation, name="Riverside Buddy Group")
    amara = YoungPersonFactory(organisation=organisation, first_name="Amara", preferred_name="Ami")
    ben = YoungPersonFactory(organisation=organisation, first_name="Benedict")
    for person in (amara, ben):
        MembershipFactory(group=group, young_person=person)
    session = SessionFactory(
        group=group, date=today - datetime.timedelta(days=20), kind="group_session"
    )
    AttendanceFactory(session=session, young_person=amara)
    privacy_services.consent_record(  # publishing a view needs the consent of who gave it
        actor=None,
        young_person=amara,
        purpose="publishing",
        given_by="parent_or_carer",
        given_on=today - datetime.timedelta(days=30),
        how="written",
    )
    own = voice_services.view_record(
        actor=officer,
        text="The buses stop too early for the youth club.",
        session=session,
        young_people=[amara],
        themes=[theme],
        consent=View.Consent.PUBLISH,
    )
    voice_services.view_record(
        actor=officer,
        text="BEN-SECRET: something only Ben said.",
        session=session,
        young_people=[ben],
    )
    response = voice_services.response_record(
        actor=officer,
        views=[own],
        decision_maker="Transport team",
        outcome="changed",
        explanation="The last bus on club nights now leaves at 9pm.",
        plain_language="The last bus now goes at 9 at night, after club.",
        date=today - datetime.timedelta(days=10),
    )
    voice_services.feedback_record(
        actor=officer,
        response=response,
        date=today - datetime.timedelta(days=5),
        channel="in_person",
        young_people=[amara],
    )

    # The worker gives Amara a code from her record.
    page = logged_in_page(officer)
    page.goto(live_server.url + reverse("people:young-person-detail", args=[amara.pk]))
    page.get_by_role("link", name="Portal sign-in codes").click()
    page.wait_for_load_state()
    _check(page)
    page.get_by_role("button", name="Make a new code").click()
    page.wait_for_load_state()
    code = page.locator("#new-code").inner_text().strip()
    link = page.locator("#new-code-link").inner_text().strip()
    assert len(code) == 9 and code in link
    _check(page)

    # Amara, on her own phone: nobody is signed in there.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("portal:sign-in"))
    page.get_by_label("Your code").fill("ZZZZ-ZZZZ")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "That code did not work" in page.content()
    _check(page)

    page.goto(link)
    assert page.get_by_label("Your code").input_value() == code
    assert page.url.endswith(f"?code={code}")  # the link alone never signs in
    _check(page)
    assert _fits_the_screen(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("portal:home"))
    assert "Hello Ami" in page.content()
    assert "The buses stop too early" in page.content()
    assert "The last bus now goes at 9 at night" in page.content()
    assert "BEN-SECRET" not in page.content() and "Benedict" not in page.content()
    _check(page)
    assert _fits_the_screen(page)

    page.get_by_label("Anything you want to tell us?").fill("Thank you, I can stay longer now.")
    page.get_by_role("button", name="Helpful", exact=True).click()
    page.wait_for_load_state()
    assert "Thank you! We saved what you think." in page.content()
    assert "You said: Helpful." in page.content()
    _check(page)
    rating = Rating.objects.get()
    assert (rating.young_person, rating.response, rating.value) == (amara, response, "helpful")
    assert rating.comment == "Thank you, I can stay longer now."

    page.get_by_role("link", name="Times I took part").click()
    page.wait_for_load_state()
    assert "Group session" in page.content() and "Riverside Buddy Group" in page.content()
    _check(page)
    assert _fits_the_screen(page)

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("portal:sign-in"))
    assert "You are signed out" in page.content()
    _check(page)
    page.goto(live_server.url + reverse("portal:home"))
    assert page.url.endswith(reverse("portal:sign-in"))

    # The public pages, with nobody signed in: only the published view, no names.
    for url in (
        reverse("portal:public"),
        reverse("portal:public-theme", args=[theme.pk]),
    ):
        page.goto(live_server.url + url)
        assert "The buses stop too early" in page.content()
        assert "Amara" not in page.content() and amara.reference not in page.content()
        assert "BEN-SECRET" not in page.content()
        _check(page)
        assert _fits_the_screen(page)
    poster = page.request.get(live_server.url + reverse("portal:poster"))
    assert poster.ok and poster.body().startswith(b"%PDF")


def test_empty_portal_and_public_pages_are_accessible(page, live_server):
    """A young person with nothing recorded yet, and a partnership with nothing published."""
    from heard.portal import services as portal_services

    person = YoungPersonFactory(first_name="Zara")
    _, code = portal_services.sign_in_code_issue(actor=None, young_person=person)
    page.goto(live_server.url + reverse("portal:public"))
    assert "Nothing to show here yet" in page.content()
    _check(page)
    page.goto(live_server.url + reverse("portal:sign-in"))
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "Hello Zara" in page.content() and "Nothing here yet" in page.content()
    _check(page)
    page.goto(live_server.url + reverse("portal:sessions"))
    _check(page)
