"""Signing in, the home page for every role, and the front-end build loaded in a real browser."""

import re

import pytest
from django.urls import reverse

from heard.core.roles import Role
from tests.browser.helpers import (
    assert_accessible,
    assert_no_script_errors,
    sign_in_with_code,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_sign_in_page_is_accessible(page):
    response = page.goto(reverse("core:sign-in"))

    assert response is not None and response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in to Heard"
    assert_accessible(page)
    assert_no_script_errors(page)


def test_wrong_password_shows_the_error_summary(page):
    user = UserFactory()
    page.goto(reverse("core:sign-in"))

    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill("not the password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct email address and password." in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert page.url.endswith(reverse("core:sign-in"))
    assert_accessible(page)


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_each_role_signs_in_to_an_accessible_home_page(signed_in_page, role):
    user = UserFactory(role=role)

    page = signed_in_page(user)

    header = page.locator(".heard-header").inner_text()
    assert user.full_name in header
    assert str(role.label) in header
    assert (
        page.get_by_role("navigation", name="Main menu")
        .get_by_role("link", name="Home")
        .get_attribute("aria-current")
        == "page"
    )
    assert_accessible(page)
    assert_no_script_errors(page)


def test_signing_out_returns_to_the_sign_in_page(signed_in_page):
    page = signed_in_page(UserFactory())

    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()

    assert page.url.endswith(reverse("core:sign-in"))
    page.goto(reverse("home"))
    assert page.url.split("?")[0].endswith(reverse("core:sign-in")), (
        "home is open after signing out"
    )


def test_stylesheet_and_script_are_loaded(signed_in_page):
    page = signed_in_page(UserFactory())

    font_family = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "arial" in font_family.lower()
    header_background = page.evaluate(
        "() => getComputedStyle(document.querySelector('.heard-header')).backgroundColor"
    )
    assert header_background == "rgb(29, 79, 92)"
    page.wait_for_function("() => document.body.classList.contains('govuk-frontend-supported')")
    assert re.search(r"\bjs-enabled\b", page.locator("body").get_attribute("class") or "")
    assert_no_script_errors(page)


@pytest.mark.parametrize("role", [Role.PARTICIPATION_OFFICER, Role.BOARD_MEMBER])
def test_sign_in_works_without_javascript(chromium, live_server, role):
    """An officer sets up two-factor sign-in (and sees the backup codes) without JavaScript."""
    user = UserFactory(role=role)
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = sign_in_with_code(context.new_page(), user, "correct horse battery")

        assert page.url.endswith(reverse("home"))
        assert "govuk-frontend-supported" not in (page.locator("body").get_attribute("class") or "")
    finally:
        context.close()


def test_the_accessibility_check_reports_violations_readably(page):
    page.goto(reverse("core:sign-in"))
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML("
        "'beforeend', '<img src=\"/static/heard/favicon.svg\"><a href=\"/\"></a>')"
    )

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)

    message = str(failure.value)
    assert "image-alt" in message
    assert "link-name" in message
    assert "<img" in message


def test_a_backup_code_signs_in_once(page):
    """A lost phone: sign in with one of the backup codes shown at set-up, and only once."""
    user = UserFactory(role=Role.PARTNER_WORKER)
    page = sign_in_with_code(page, user, "correct horse battery")
    page.goto(reverse("core:two-factor-account"))
    with page.expect_navigation():
        page.get_by_role("button", name="Make new backup codes").click()
    codes = page.locator("#backup-codes li").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="I have kept my backup codes, continue").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()

    page.goto(reverse("core:sign-in"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Use a backup code").click()
    assert_accessible(page)
    page.get_by_label("Backup code").fill(codes[0])
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    assert page.url.endswith(reverse("home"))
    assert "You have 9 left" in page.content()


def test_the_password_pages_are_accessible(page):
    page.goto(reverse("core:sign-in"))
    with page.expect_navigation():
        page.get_by_role("link", name="reset your password").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reset your password"
    assert_accessible(page)
    page.get_by_label("Email address").fill("nobody@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    assert_accessible(page)
