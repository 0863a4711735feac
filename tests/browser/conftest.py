"""Browser tests: Heard's pages in a real headless Chromium (Debian's), driven by Playwright.

Every test here is skipped, with the reason printed, when Chromium (``/usr/bin/chromium``, or the
path in ``HEARD_CHROMIUM``), the Playwright package or ``node_modules`` (axe-core, GOV.UK Frontend)
is missing. The live server serves the built stylesheet and script from ``build/static``; when that
build is missing or older than ``frontend/``, it is rebuilt once with ``node frontend/build.mjs``.

Fixtures: ``page`` (a fresh browser context, script errors and missing static files recorded),
``signed_in_page(user)`` (signs in through the real form), ``logged_in_page(user)`` (a session
cookie, quicker). Checks live in ``tests/browser/helpers.py``.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD

# Playwright's sync API runs an asyncio event loop in this thread; Django would then refuse ORM
# calls from the test (SynchronousOnlyOperation). The tests are synchronous, so this is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER_DIR = Path(__file__).resolve().parent
ROOT = Path(settings.BASE_DIR)
CHROMIUM = Path(os.environ.get("HEARD_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILD_DIR = ROOT / "build" / "static"
BUILT_CSS = BUILD_DIR / "heard" / "heard.css"
FRONTEND_SOURCES = [ROOT / "frontend", ROOT / "package-lock.json"]
TIMEOUT_MS = 15_000


def _can_build() -> bool:
    return shutil.which("node") is not None and (ROOT / "node_modules" / "govuk-frontend").is_dir()


def _unavailable_reason() -> str | None:
    """Why browser tests cannot run on this machine, or None when they can."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set HEARD_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python playwright package is not installed (make install-dev)"
    if not (ROOT / "node_modules" / "axe-core" / "axe.min.js").is_file():
        return "node_modules is missing axe-core (run npm ci)"
    if not BUILT_CSS.is_file() and not _can_build():
        return "build/static is missing and cannot be built (needs node, and npm ci)"
    return None


UNAVAILABLE = _unavailable_reason()


def _status_line() -> str:
    if UNAVAILABLE:
        return f"browser tests: skipped, {UNAVAILABLE}"
    return f"browser tests: Chromium found at {CHROMIUM}"


def _is_browser_item(item: pytest.Item) -> bool:
    return BROWSER_DIR in Path(str(item.path)).parents


def pytest_report_header(config: pytest.Config) -> str:
    # Shown when this directory is named on the command line (pytest tests/browser).
    return _status_line()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_items = [item for item in items if _is_browser_item(item)]
    if not browser_items or not UNAVAILABLE:
        return
    skip = pytest.mark.skip(reason=f"browser tests: {UNAVAILABLE}")
    for item in browser_items:
        item.add_marker(skip)
    if hasattr(config, "workerinput"):
        # Under pytest-xdist only the workers load this file: a warning is how the reason reaches
        # the summary that `make test` prints.
        warnings.warn(pytest.PytestWarning(_status_line()), stacklevel=1)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    # Without pytest-xdist, the last line of the run says whether the browser tests ran.
    if not hasattr(config, "workerinput"):
        terminalreporter.write_line(_status_line(), yellow=bool(UNAVAILABLE), bold=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"heard_report_{report.when}", report)
    return report


def _needs_build() -> bool:
    """True when build/static is missing, or older than frontend/ and node can rebuild it."""
    if not BUILT_CSS.is_file():
        return True
    if not _can_build():
        return False
    built_at = BUILT_CSS.stat().st_mtime
    sources = [
        path for src in FRONTEND_SOURCES for path in ([src] if src.is_file() else src.rglob("*"))
    ]
    return any(path.is_file() and path.stat().st_mtime > built_at for path in sources)


@pytest.fixture(scope="session")
def built_static() -> Iterator[Path]:
    """build/static, rebuilt first when missing or older than frontend/."""
    lock_path = ROOT / "build" / ".browser-tests.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # pytest-xdist workers: build once
        if _needs_build():
            result = subprocess.run(  # noqa: S603
                ["node", str(ROOT / "frontend" / "build.mjs")],  # noqa: S607
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            if result.returncode != 0:
                pytest.fail(f"node frontend/build.mjs failed:\n{result.stdout}\n{result.stderr}")
    if BUILD_DIR in [Path(entry) for entry in settings.STATICFILES_DIRS]:
        yield BUILD_DIR
        return
    # Settings only list build/static when it existed at start-up.
    with override_settings(STATICFILES_DIRS=[*settings.STATICFILES_DIRS, BUILD_DIR]):
        yield BUILD_DIR


def _keep_serialized_rows(saved: dict[str, str]) -> None:
    """Give the connections the tests see from now on the rows the migrations seeded, as
    serialized when the test database was made. Once Playwright's sync API runs its event loop in
    this thread, ``django.db.connections`` (an asgiref ``Local``) keeps its objects per context:
    the tests get new connection objects, without ``_test_serialized_contents``, and the
    serialized rollback would skip the restore without a word (tests/browser/test_seeded_rows.py).
    """
    from django.db import connections

    for alias, contents in saved.items():
        connection = connections[alias]
        if not hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = contents


@pytest.fixture(scope="session")
def chromium(built_static: Path, django_db_setup: None) -> Iterator[Any]:
    from django.db import connections
    from playwright.sync_api import sync_playwright

    saved = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        _keep_serialized_rows(saved)
        # launch() gives every run a fresh temporary profile of its own.
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _restore_seeded_rows(django_db_serialized_rollback: None) -> None:
    """The live server needs a transactional database, flushed after each test; the serialized
    rollback puts back the rows the migrations seed (standards, methods) before each test."""


def _record_missing_static(page: Any, response: Any) -> None:
    if response.status >= 400 and "/static/" in response.url:
        page.heard_errors.append(f"{response.status} for {response.url}")


@pytest.fixture
def page(request: pytest.FixtureRequest, chromium: Any, live_server: Any) -> Iterator[Any]:
    """A page in a fresh browser context pointed at the live server (relative URLs work)."""
    context = chromium.new_context(
        base_url=live_server.url, bypass_csp=True, locale="en-GB", timezone_id="Europe/London"
    )
    context.set_default_timeout(TIMEOUT_MS)
    new_page = context.new_page()
    new_page.heard_errors = []
    new_page.on("pageerror", lambda error: new_page.heard_errors.append(str(error)))
    new_page.on("response", lambda response: _record_missing_static(new_page, response))
    yield new_page
    report = getattr(request.node, "heard_report_call", None)
    if report is not None and report.failed:
        results = ROOT / "test-results"
        results.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        new_page.screenshot(path=str(results / f"{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def signed_in_page(page: Any) -> Callable[..., Any]:
    """``signed_in_page(user)``: sign in through the real form; returns the page, on Home."""

    def sign_in(user: Any, password: str = PASSWORD) -> Any:
        page.goto(reverse("core:sign-in"))
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password", exact=True).fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        if reverse("core:two-factor") in page.url:
            enter_two_factor_code(page, user)
        assert page.url.endswith(reverse("home")), f"signing in as {user.email} led to {page.url}"
        return page

    return sign_in


def enter_two_factor_code(page: Any, user: Any) -> Any:
    """On the two-factor page (set-up or verify): enter the code of the user's device, as an
    authenticator app would compute it."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-id").first()
    assert device is not None, f"{user.email} has no authenticator device"
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code from your authenticator app").fill(f"{code:06d}")
    button = page.get_by_role("button", name=re.compile("^(Continue|Turn on two-factor sign-in)$"))
    with page.expect_navigation():
        button.click()
    from tests.browser.helpers import continue_past_backup_codes

    continue_past_backup_codes(page)
    return page


@pytest.fixture
def logged_in_page(page: Any, live_server: Any) -> Callable[..., Any]:
    """``logged_in_page(user)``: the page with a session for the user, without the sign-in form.

    Faster than ``signed_in_page`` for tests about other pages (the form has tests of its own).
    """

    def log_in(user: Any) -> Any:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return log_in
