"""One-line checks for browser tests: ``assert_accessible(page)`` and friends.

A journey test signs in (fixture ``signed_in_page``), visits pages, and after each page that matters
calls ``assert_accessible(page)``: axe-core checks the rendered page against WCAG 2.1 A and AA.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def axe_violations(page: Page, *, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "async (tags) => await window.axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        list(tags),
    )
    return result["violations"]


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'unknown'} impact): "
            f"{violation['help']}\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            lines.append(f"    at {target}\n      {node['html'][:200]}\n      {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def assert_accessible(page: Page, *, tags: tuple[str, ...] = WCAG_TAGS) -> None:
    """Fail with a readable list when axe-core finds WCAG 2.1 A/AA violations on the page."""
    violations = axe_violations(page, tags=tags)
    assert not violations, (
        f"{len(violations)} accessibility violation(s) on {page.url} "
        f"({page.title()!r}):\n{format_violations(violations)}"
    )


def assert_no_script_errors(page: Page) -> None:
    """Fail when the page raised an uncaught JavaScript error or a static file was missing
    (both recorded by the ``page`` fixture)."""
    errors = getattr(page, "heard_errors", [])
    assert not errors, "Script errors or missing files on the page:\n" + "\n".join(errors)


def submit_form(page: Page) -> None:
    """Submit the page's main form (first visible submit button in <main>); wait for the answer.

    A filter form folded inside a details element is hidden, so it is not the one submitted.
    """
    button = page.locator("main form [type=submit]").locator("visible=true").first
    with page.expect_navigation():
        button.click()


def continue_past_backup_codes(page: Page) -> None:
    """After setting up two-factor sign-in Heard shows the new backup codes once: note that
    they were shown and go on to the page asked for."""
    if page.get_by_role("heading", level=1, name="Your backup codes").count():
        assert page.locator("#backup-codes li").count() == 10
        with page.expect_navigation():
            page.get_by_role("button", name="I have kept my backup codes, continue").click()


def sign_in_with_code(page: Page, user: Any, password: str) -> Page:
    """Sign in through the real form and, for a user who needs one, enter the two-factor code
    (setting up an app first when they have none); works with or without JavaScript."""
    from django.urls import reverse

    from tests.browser.conftest import enter_two_factor_code

    page.goto(reverse("core:sign-in"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if reverse("core:two-factor") in page.url:
        enter_two_factor_code(page, user)
    return page


def code_now(user: Any) -> str:
    """The code an authenticator app shows now for the user's device (the one being set up, or
    the confirmed one)."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-id").first()
    assert device is not None, f"{user.email} has no authenticator device"
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def fill_date(page: Page, field_id: str, value: Any) -> None:
    """Enter a date in a form's date field: GOV.UK's day, month and year boxes
    (``#<id>_day`` ...), or a single box that takes an ISO date."""
    boxes = page.locator(f"#{field_id}_day")
    if boxes.count():
        page.locator(f"#{field_id}_day").fill(str(value.day))
        page.locator(f"#{field_id}_month").fill(str(value.month))
        page.locator(f"#{field_id}_year").fill(str(value.year))
    else:
        page.locator(f"#{field_id}").fill(value.isoformat())
