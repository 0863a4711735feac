"""The safe word in a real browser on a 320 px phone: a young person signed in to the portal
presses "I don't feel safe or I need to talk to someone", then the button; a concern is raised,
the leads are emailed, and the next page says what happens next and who to call, with none of
what they wrote. axe-core checks both pages (the crawl checks them at 320 px too)."""

import pytest
from django.core import mail
from django.urls import reverse

from heard.core.roles import Role
from heard.safeguarding.models import Concern
from tests.browser.helpers import assert_accessible, assert_no_script_errors
from tests.factories import UserFactory, YoungPersonFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 320, "height": 640}
#: WCAG 2.2 A and AA and axe's best practices, as the crawl checks.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
WORDS = "WORDS-SECRET: someone at home frightens me"


def _fits_the_screen(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def _check(page) -> None:
    assert_accessible(page, tags=AXE_TAGS)
    assert_no_script_errors(page)
    assert _fits_the_screen(page)


def test_a_young_person_asks_for_help_from_a_phone(page, live_server):
    from heard.portal import services as portal_services

    lead = UserFactory(role=Role.SAFEGUARDING_LEAD, email="lead@example.org")
    person = YoungPersonFactory(first_name="Zara", last_name="Quill")
    _, code = portal_services.sign_in_code_issue(actor=None, young_person=person)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("portal:sign-in"))
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("portal:home"))

    # From any page: the button in the portal's header.
    help_link = page.get_by_role("button", name="I don't feel safe or I need to talk to someone")
    assert help_link.is_visible()
    _check(page)
    help_link.click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("portal:help"))
    assert "0800 1111" in page.content() and "999" in page.content()
    exit_link = page.get_by_role("button", name="Emergency Exit this page")
    assert exit_link.is_visible()
    assert exit_link.get_attribute("href") == "https://www.bbc.co.uk/weather"
    _check(page)

    page.get_by_label("Tell us in your own words (you do not have to)").fill(WORDS)
    page.get_by_label("A text message").check()
    page.get_by_role("button", name="Ask for help now").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("portal:help-sent"))
    html = page.content()
    assert "We have told someone who can help" in html
    assert "Childline on 0800 1111" in html and "999" in html
    assert "WORDS-SECRET" not in html
    _check(page)

    concern = Concern.objects.get()
    assert concern.young_person == person and concern.what_happened == WORDS
    assert concern.how_to_contact == "text" and concern.source == "portal"
    assert [message.to for message in mail.outbox] == [[lead.email]]
    assert "WORDS-SECRET" not in mail.outbox[0].body and "Zara" not in mail.outbox[0].body

    # Back and forward again, and a reload: nothing new is raised and nothing they wrote shows.
    page.go_back()
    page.wait_for_load_state()
    page.go_forward()
    page.wait_for_load_state()
    page.reload()
    page.wait_for_load_state()
    assert "WORDS-SECRET" not in page.content()
    assert Concern.objects.count() == 1
