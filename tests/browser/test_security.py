"""Security in a real browser: two-factor set-up and sign-in (required, opted into from the
header, and reset by an administrator), photos withheld without consent, the safeguarding concern
links, and the Content Security Policy enforced (the other browser tests bypass it) on Heard's
pages and the API reference."""

import re
from typing import Any

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.core.roles import Role
from tests.browser.conftest import TIMEOUT_MS, enter_two_factor_code
from tests.browser.helpers import (
    assert_accessible,
    assert_no_script_errors,
    code_now,
    continue_past_backup_codes,
)
from tests.conftest import PASSWORD
from tests.factories import (
    EvidenceFactory,
    GroupFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
    ViewFactory,
    YoungPersonFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def csp_page(chromium: Any, live_server: Any) -> Any:
    """A page that enforces the Content Security Policy, recording every violation."""
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: page.csp_violations.append(str(error)))
    yield page
    context.close()


def sign_in(page: Any, user: Any) -> None:
    page.goto(reverse("core:sign-in"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_a_safeguarding_lead_sets_up_two_factor_then_reaches_home(page):
    user = UserFactory(role=Role.SAFEGUARDING_LEAD)
    sign_in(page, user)

    assert reverse("core:two-factor") in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    assert page.get_by_role(
        "img", name="QR code to add Heard to your authenticator app"
    ).is_visible()
    assert page.locator("#secret").inner_text().replace(" ", "")
    assert_accessible(page)

    page.get_by_label("Code from your authenticator app").fill("000000")
    with page.expect_navigation():
        page.get_by_role("button", name="Turn on two-factor sign-in").click()
    assert "That code did not work" in page.locator(".govuk-error-summary").inner_text()

    page.wait_for_timeout(1100)  # django-otp waits a second after a wrong code
    enter_two_factor_code(page, user)
    assert page.url.endswith(reverse("home"))
    assert TOTPDevice.objects.get(user=user).confirmed
    assert_no_script_errors(page)


def test_pages_work_under_the_content_security_policy(csp_page):
    user = UserFactory(role=Role.PARTICIPATION_OFFICER)
    sign_in(csp_page, user)
    enter_two_factor_code(csp_page, user)  # set up at the first sign-in, as every officer
    assert csp_page.url.endswith(reverse("home"))
    for url in (reverse("people:young-person-list"), reverse("safeguarding:check-list")):
        csp_page.goto(url)
    csp_page.goto(f"{reverse('safeguarding:concern-raise')}")
    assert csp_page.get_by_role("heading", level=1).inner_text() == "Raise a safeguarding concern"
    assert csp_page.csp_violations == []


def test_two_factor_page_works_under_the_content_security_policy(csp_page):
    user = UserFactory(role=Role.ADMINISTRATOR)
    sign_in(csp_page, user)
    assert csp_page.locator(".heard-qr-code svg").is_visible()
    enter_two_factor_code(csp_page, user)
    assert csp_page.url.endswith(reverse("home"))
    assert csp_page.csp_violations == []


def test_the_api_reference_renders_under_the_content_security_policy(csp_page):
    """Drawn on the server in Heard's layout: the strict policy, and not one violation."""
    sign_in(csp_page, UserFactory(role=Role.BOARD_MEMBER))  # the reference is for staff only
    response = csp_page.goto(reverse("api-docs"))
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert csp_page.get_by_role("heading", level=1).inner_text() == "Heard API"
    csp_page.get_by_text("Staff authenticate with a token").first.wait_for()
    assert csp_page.csp_violations == []


def test_the_api_reference_is_accessible_at_320_px(page):
    """Heard's own page, headings in order (issue 17's crawl); tests/browser/test_api_reference.py
    checks it at 1280 px and without JavaScript, and runs axe on it at 320 px too, with more rules
    (WCAG 2.2 and best practice): axe on the page's 199 operations costs seconds of CPU, so it is
    not run a second time here with fewer."""
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, UserFactory(role=Role.BOARD_MEMBER))  # no second factor to set up
    page.goto(reverse("api-docs"))
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert page.get_by_role("heading", level=1).inner_text() == "Heard API"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_board_member_turns_on_two_factor_from_the_header(page):
    user = UserFactory(role=Role.BOARD_MEMBER)
    sign_in(page, user)
    assert page.url.endswith(reverse("home"))
    with page.expect_navigation():
        page.locator(".heard-header").get_by_role("link", name="Two-factor sign-in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Two-factor sign-in"
    assert page.get_by_text("Off", exact=True).is_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Set up two-factor sign-in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    page.get_by_label("Code from your authenticator app").fill(code_now(user))
    with page.expect_navigation():
        page.get_by_role("button", name="Turn on two-factor sign-in").click()
    assert "Two-factor sign-in is on for your account." in page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "Your backup codes"
    continue_past_backup_codes(page)
    assert page.url.endswith(reverse("core:two-factor-account"))
    assert page.get_by_text("On", exact=True).is_visible()
    assert TOTPDevice.objects.get(user=user).confirmed
    assert_no_script_errors(page)


def test_an_administrator_resets_a_leads_app_and_the_lead_sets_up_again(chromium, live_server):
    admin = UserFactory(role=Role.ADMINISTRATOR, full_name="Ada Admin")
    lead = UserFactory(role=Role.PARTICIPATION_LEAD, full_name="Lee Lead")
    TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True)
    old = TOTPDevice.objects.create(user=lead, name="Authenticator app", confirmed=True)

    def new_page() -> Any:
        context = chromium.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True)
        context.set_default_timeout(TIMEOUT_MS)
        return context.new_page()

    page = new_page()
    sign_in(page, admin)
    enter_two_factor_code(page, admin)
    page.goto(reverse("core:two-factor-account"))
    with page.expect_navigation():
        page.get_by_role("link", name="Reset two-factor sign-in for Lee Lead").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reset two-factor sign-in?"
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Reset two-factor sign-in").click()
    assert "Two-factor sign-in was reset for Lee Lead" in page.content()
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    page.context.close()

    page = new_page()
    sign_in(page, lead)
    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    enter_two_factor_code(page, lead)
    assert page.url.endswith(reverse("home"))
    assert TOTPDevice.objects.get(user=lead).confirmed
    page.context.close()


def test_a_photo_without_consent_is_withheld_on_the_view_page(logged_in_page):
    officer = UserFactory(role=Role.PARTICIPATION_OFFICER)
    organisation = OrganisationFactory()
    young_person = YoungPersonFactory(organisation=organisation)
    session = SessionFactory(group=GroupFactory(host_organisation=organisation))
    view = ViewFactory(session=session, young_people=[young_person])
    EvidenceFactory(view=view, description="At the skate park")
    page = logged_in_page(officer)
    page.goto(reverse("voice:view-detail", args=[view.pk]))
    assert page.get_by_text("Photo withheld: consent for photographs was not given").is_visible()
    assert page.get_by_text("At the skate park").count() == 0
    assert_accessible(page)
    assert_no_script_errors(page)


def test_raising_a_concern_from_a_session_and_a_young_persons_page(logged_in_page):
    officer = UserFactory(role=Role.PARTICIPATION_OFFICER)
    organisation = OrganisationFactory()
    young_person = YoungPersonFactory(organisation=organisation)
    session = SessionFactory(group=GroupFactory(host_organisation=organisation))
    page = logged_in_page(officer)
    for url in (
        reverse("participation:session-detail", args=[session.pk]),
        reverse("people:young-person-detail", args=[young_person.pk]),
    ):
        page.goto(url)
        with page.expect_navigation():
            page.get_by_role("link", name=re.compile("^Raise a safeguarding concern")).click()
        heading = page.get_by_role("heading", level=1).inner_text()
        assert heading == "Raise a safeguarding concern", url
    assert young_person.reference in page.content()
    assert_no_script_errors(page)
