"""The page shell in a browser at 320 px: the navigation folds behind "Menu" (and is a list
without JavaScript), the two-factor QR code fits, and the error pages are accessible."""

import pytest
from django.urls import reverse

from heard.core.roles import Role
from tests.browser.helpers import assert_accessible, assert_no_script_errors
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


def _fits(page):
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url} is {width[0]} px wide at {width[1]} px"


def test_the_navigation_folds_behind_menu_on_a_phone(logged_in_page):
    page = logged_in_page(UserFactory(role=Role.ADMINISTRATOR))
    page.set_viewport_size(PHONE)
    page.goto(reverse("home"))

    menu = page.get_by_role("button", name="Menu")
    links = page.get_by_role("navigation", name="Main menu").get_by_role("link")
    assert menu.is_visible()
    assert menu.get_attribute("aria-expanded") == "false"
    assert not links.first.is_visible()
    heading_top = page.locator("h1").bounding_box()["y"]
    assert heading_top < 250, f"the heading starts {heading_top} px down"

    menu.click()

    assert menu.get_attribute("aria-expanded") == "true"
    assert links.first.is_visible() and links.count() >= 8
    _fits(page)
    assert_accessible(page)
    assert_no_script_errors(page)


def test_without_javascript_the_navigation_is_a_list(chromium, live_server):
    from django.conf import settings
    from django.test import Client

    user = UserFactory(role=Role.PARTICIPATION_OFFICER)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    try:
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        page = context.new_page()
        page.goto(reverse("home"))
        nav = page.get_by_role("navigation", name="Main menu")
        assert not page.get_by_role("button", name="Menu").is_visible()
        assert nav.get_by_role("link", name="Home").is_visible()
    finally:
        context.close()


def test_the_two_factor_qr_code_fits_a_phone(page, live_server):
    from django.conf import settings
    from django.test import Client

    user = UserFactory(role=Role.ADMINISTRATOR)
    client = Client()
    client.force_login_unverified(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size(PHONE)

    page.goto(reverse("core:two-factor"))

    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    assert page.get_by_role("navigation", name="Main menu").count() == 0
    qr = page.get_by_role("img", name="QR code to add Heard to your authenticator app")
    box = qr.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["width"] >= 150, "the QR code is too small to scan"
    _fits(page)
    assert_accessible(page)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_page_not_found_is_accessible_with_a_way_back(page, logged_in_page, signed_in):
    if signed_in:
        page = logged_in_page(UserFactory(role=Role.PARTICIPATION_OFFICER))
    page.set_viewport_size(PHONE)

    response = page.goto("/no-such-page/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    way_back = "Go to your home page" if signed_in else "Sign in to Heard"
    with page.expect_navigation():
        page.get_by_role("link", name=way_back).click()
    expected = reverse("home") if signed_in else reverse("core:sign-in")
    assert page.url.endswith(expected)
    page.go_back()
    _fits(page)
    assert_accessible(page)


def test_permission_denied_is_accessible(logged_in_page):
    page = logged_in_page(UserFactory(role=Role.BOARD_MEMBER))
    page.set_viewport_size(PHONE)

    response = page.goto(reverse("core:sign-in-events"))

    assert response.status == 403
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "You do not have permission to see this page"
    _fits(page)
    assert_accessible(page)
