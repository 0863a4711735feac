"""The API reference (/api/v1/docs/) in a real browser: 0 axe violations (WCAG 2.2 A and AA and
best practice, as the crawl runs it) at 320 and 1280 px, nothing wider than the window, and the
same page without JavaScript."""

from typing import Any

import pytest
from django.urls import reverse

from heard.core.roles import Role
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import axe_violations, format_violations
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

#: As the crawl (tests/browser/test_crawl.py) runs axe: WCAG 2.2 A and AA, and best practice.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


#: The outermost elements reaching past the window's right edge, for the failure message.
WIDEST = """(inner) => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > inner + 1)
  .filter(el => el.parentElement.getBoundingClientRect().right <= inner + 1)
  .slice(0, 5).map(el => el.outerHTML.slice(0, 160))"""


def _open_reference(context: Any) -> Any:
    page = context.new_page()
    user = UserFactory(role=Role.BOARD_MEMBER)  # no second factor to set up
    page.goto(reverse("core:sign-in"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(reverse("api-docs"))
    return page


@pytest.mark.parametrize("width", [320, 1280])
def test_the_api_reference_has_no_axe_violations(chromium, live_server, width):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": width, "height": 800},
        bypass_csp=True,  # axe is added as an inline script (tests/browser/test_security.py
        # checks the page under the policy)
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = _open_reference(context)
        assert page.get_by_role("heading", level=1).inner_text() == "Heard API"
        wide = page.evaluate(WIDEST, width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, wide
        violations = axe_violations(page, tags=AXE_TAGS)
        assert not violations, format_violations(violations)
    finally:
        context.close()


def test_the_api_reference_works_without_javascript(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = _open_reference(context)
        assert page.get_by_role("heading", level=1).inner_text() == "Heard API"
        operation = page.locator("#operation-young-people-list")
        assert operation.inner_text() == "GET /api/v1/young-people/"
        with page.expect_navigation():
            page.get_by_role("link", name="Young people", exact=True).first.click()
        assert page.url.endswith("#resource-young-people")
    finally:
        context.close()
