"""The portal in Welsh in a real browser: the young person presses "Cymraeg" on the sign-in page
(a form, no JavaScript needed), signs in with a code, and every page on the way is in Welsh with
<html lang="cy">; axe-core (html-lang-valid among its rules) finds nothing; "English" switches
back."""

import pytest
from django.urls import reverse

from heard.core.roles import Role
from heard.portal import services as portal_services
from tests.browser.helpers import assert_accessible, assert_no_script_errors
from tests.factories import OrganisationFactory, UserFactory, YoungPersonFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def _check(page, lang: str) -> None:
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)
    assert_no_script_errors(page)


def test_a_young_person_uses_the_portal_in_welsh(page):
    officer = UserFactory(role=Role.PARTICIPATION_OFFICER)
    person = YoungPersonFactory(
        organisation=OrganisationFactory(), first_name="Amara", preferred_name="Ami"
    )
    _, code = portal_services.sign_in_code_issue(actor=officer, young_person=person)
    page.set_viewport_size(PHONE)
    page.goto(reverse("portal:sign-in"))
    _check(page, "en-GB")

    with page.expect_navigation():
        page.get_by_role("button", name="Cymraeg").click()
    assert page.url.endswith(reverse("portal:sign-in"))
    assert page.get_by_role("heading", name="Helo! Mewngofnodi").is_visible()
    _check(page, "cy")

    page.get_by_label("Dy god").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Mewngofnodi").click()
    assert page.url.endswith(reverse("portal:home"))
    assert page.get_by_role("heading", name="Helo Ami").is_visible()
    _check(page, "cy")

    page.goto(reverse("portal:public"))
    assert page.get_by_role("heading", name="Fe ddywedoch chi, fe wnaethon ni").is_visible()
    _check(page, "cy")

    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", name="You said, we did").is_visible()
    _check(page, "en-GB")
