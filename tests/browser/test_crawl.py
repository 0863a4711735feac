"""The crawl (issue 17's acceptance): every page pattern of the demo partnership, as every role.

The demo partnership is loaded (as ``make run`` does), then each demo login opens Home and
follows links, one page per URL pattern of the site: the list of patterns comes from Django's
URL resolver and the ids in them from the links the demo's own pages show, so a new page is
crawled as soon as a page links to it. Each page is checked at 1280 px and, after a resize, at
320 px: 0 pages wider than the window (``scrollWidth <= innerWidth``, WCAG 1.4.10 reflow), 0
server errors, and 0 axe-core violations (WCAG 2.2 A and AA, and best practice). In CI's deep
run axe checks every role's copy of every page at 320 px, and every page at 1280 px; in make
test (tests/depth.py) every page pattern at 320 px once, on the first role's copy. A young
person crawls the portal, and anyone the public pages, at 320 px.

Every HTML pattern must be reached by someone (the last test); a pattern no page links to gets
its ids from ``FALLBACK_IDS``. Screenshots of Home, a list, a record and the session form at 320
and 1280 px are written to build/screenshots/ (docs/screenshots/ with `make screenshots`).
"""

from __future__ import annotations

import datetime
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.module_loading import import_string

from heard.core.roles import Role
from heard.demo import data
from tests import depth
from tests.browser.helpers import axe_violations, format_violations

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
#: WCAG 2.2 A and AA, and axe's best practices.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
#: axe at 1280 px too: in CI's deep run (make test-postgres), tests/depth.py.
AXE_WIDE = bool(depth.value("crawl_axe_at_1280"))
#: axe on every role's copy of a pattern at 320 px, not only on the first role's: in CI's deep run.
AXE_EVERY_ROLE = bool(depth.value("crawl_axe_every_role"))

#: (URL name, width) pairs whose axe run is another test's, with the same rules (AXE_TAGS) at both
#: widths: the crawl still opens them and checks their width and status. The API reference lists
#: every operation of the API, which makes axe on it the dearest run of the browser tests
#: (tests/browser/test_api_reference.py). In the deep run every role's copy is still axed at 320 px.
AXED_ELSEWHERE = {("api-docs", NARROW["width"]), ("api-docs", WIDE["width"])}

#: URL patterns not crawled, by prefix of the route: the API's JSON for programs (its
#: documentation page, api-docs, is crawled), Django's admin, the benchmark's floor.
NOT_PAGES = ("api/v1/", "django-admin/", "__bench__")
PAGES_UNDER_NOT_PAGES = {"api-docs"}
#: operations: the health endpoints answer load balancers in JSON (heard.core.health).
NOT_PAGES = (*NOT_PAGES, "health/")

#: EXPECTED FAILURES, by URL name: pages that work in progress elsewhere has not fixed yet. The
#: integration empties this list; a page here that passes is reported at the end of the crawl so
#: it can come off. Nothing else may fail.
EXPECTED_FAILURES: dict[str, str] = {}

#: Screenshots (<name>-<width>.png), taken as the participation officer, into build/screenshots/;
#: `make screenshots` writes them to docs/screenshots/, which the README shows.
SCREENSHOTS = {
    "home": "home",
    "people:young-person-list": "list-young-people",
    "people:young-person-detail": "record-young-person",
    "participation:session-create": "form-log-a-session",
}
SCREENSHOT_ROLE = Role.PARTICIPATION_OFFICER
SCREENSHOT_DIR = Path(
    os.environ.get("HEARD_SCREENSHOT_DIR") or Path(settings.BASE_DIR) / "build" / "screenshots"
)


def _first_pk(model_path: str, **filters: Any) -> Callable[[], dict[str, int]]:
    def find() -> dict[str, int]:
        model = import_string(model_path)
        pk = model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()
        return {"pk": pk} if pk is not None else {}

    return find


def _code_revoke() -> dict[str, int]:
    from heard.portal.models import SignInCode

    code = SignInCode.objects.order_by("pk").first()
    return {"pk": code.young_person_id, "code_pk": code.pk} if code else {}


def _password_reset_confirm() -> dict[str, str]:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from heard.people.models import User

    user = User.objects.get(email=data.BOARD_EMAIL)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return {"uidb64": uid, "token": default_token_generator.make_token(user)}


#: Ids for a pattern that no crawled page links to (one reached by a form's answer, an action a
#: button posts to, a download, an email's link). Patterns without ids are opened as they are.
FALLBACK_IDS: dict[str, Callable[[], dict[str, Any]]] = {
    "portal:code-revoke": _code_revoke,
    "portal:rate": _first_pk("heard.voice.models.Response"),
    "portal:evaluate": _first_pk("heard.participation.models.Session"),  # involvement: a POST
    "consultations:question-move": _first_pk("heard.consultations.models.Question"),  # a POST
    # Reached after sending a survey; the Have Your Say survey is open in the demo.
    "consultations:portal-survey-thanks": _first_pk(
        "heard.consultations.models.Consultation", questions__isnull=False
    ),
    # A survey's pages: the crawl opens one consultation's page, which may not be a survey's.
    "consultations:consultation-results": _first_pk(
        "heard.consultations.models.Consultation", questions__isnull=False
    ),
    "consultations:question-create": _first_pk(
        "heard.consultations.models.Consultation", method="survey"
    ),
    "consultations:question-edit": _first_pk("heard.consultations.models.Question"),
    "consultations:question-delete": _first_pk("heard.consultations.models.Question"),
    "consultations:answer-view": _first_pk(
        "heard.consultations.models.Answer", question__kind="text"
    ),
    "voice:evidence-download": _first_pk("heard.voice.models.Evidence"),
    "resources:resource-download": _first_pk(  # a download: the demo toolkit's PDF
        "heard.resources.models.Resource", content_type="application/pdf"
    ),
    # Linked only from the one opportunity, sign-up and session use a role's crawl may not open.
    "opportunities:opportunity-attendance": _first_pk(
        "heard.opportunities.models.Opportunity", sign_ups__status="signed_up"
    ),
    "opportunities:sign-up-withdraw": _first_pk(
        "heard.opportunities.models.SignUp", status="signed_up"
    ),
    "resources:session-resource-remove": _first_pk("heard.resources.models.SessionResource"),
    "privacy:consent-withdraw": _first_pk("heard.privacy.models.Consent"),
    "privacy:equality-edit": _first_pk("heard.people.models.YoungPerson"),
    "privacy:target-edit": _first_pk("heard.privacy.models.LeastHeardTarget"),
    "people:staff-edit": _first_pk("heard.people.models.User"),
    "groups:theme-review-add": _first_pk("heard.groups.models.Theme"),
    "participation:session-monitoring-complete": _first_pk("heard.participation.models.Session"),
    # Linked from the one demo session with a headcount, which a role's crawl may not open.
    "participation:headcount-remove": _first_pk("heard.participation.headcounts.Headcount"),
    "safeguarding:concern-detail": _first_pk("heard.safeguarding.models.Concern"),
    "safeguarding:concern-assign": _first_pk("heard.safeguarding.models.Concern"),
    "safeguarding:concern-decide": _first_pk("heard.safeguarding.models.Concern"),
    "safeguarding:concern-close": _first_pk("heard.safeguarding.models.Concern"),
    # Linked from a decided round's page only until everyone was told (as the demo's round was).
    "decisions:round-tell": _first_pk(
        "heard.decisions.models.BudgetRound", decided_on__isnull=False
    ),
    # The crawl opens one round's page, which links to entering ballots or deciding only when
    # that round is open or closed: the demo's open theme vote and its closed points round.
    "decisions:round-ballot": _first_pk("heard.decisions.models.BudgetRound", kind="theme_vote"),
    "decisions:round-decide": _first_pk(
        "heard.decisions.models.BudgetRound", method="points", decided_on__isnull=True
    ),
    "core:password-reset-confirm": _password_reset_confirm,
    # rewards (issue 19, M16): downloads, linked from a claim's and the portal's pages.
    "rewards:item-receipt": _first_pk(
        "heard.rewards.models.ExpenseItem", receipt__startswith="receipts/"
    ),
    "rewards:portal-certificate": _first_pk("heard.rewards.models.Recognition"),
    "rewards:claim-add-item": _first_pk("heard.rewards.models.ExpenseClaim", status="submitted"),
    "rewards:claim-approve": _first_pk("heard.rewards.models.ExpenseClaim", status="submitted"),
    "rewards:claim-delete": _first_pk("heard.rewards.models.ExpenseClaim", status="submitted"),
    "rewards:claim-edit": _first_pk("heard.rewards.models.ExpenseClaim", status="submitted"),
    "rewards:claim-reject": _first_pk("heard.rewards.models.ExpenseClaim", status="submitted"),
    "rewards:claim-pay": _first_pk("heard.rewards.models.ExpenseClaim", status="approved"),
    "rewards:item-delete": _first_pk("heard.rewards.models.ExpenseItem", claim__status="submitted"),
    "rewards:invoice-approve": _first_pk("heard.rewards.models.PartnerInvoice", status="submitted"),
    "rewards:invoice-reject": _first_pk("heard.rewards.models.PartnerInvoice", status="submitted"),
}


def _administrators_job() -> dict[str, Any]:
    """A finished export of the administrator's (the sweep's user), with its file: a job's page,
    download and "Try again" (a POST) are reached from a job, which demo data has none of."""
    from django.core.files.base import ContentFile

    from heard.jobs.models import Job, Status
    from heard.people.models import User

    admin = User.objects.get(email=data.ADMIN_EMAIL)
    job = Job.objects.filter(requested_by=admin, status=Status.SUCCEEDED).first()
    if job is None:
        job = Job(requested_by=admin, kind="export", label="Sessions (CSV)", done=1, total=1)
        job.status, job.result_name = Status.SUCCEEDED, "sessions.csv"
        job.result.save("sessions.csv", ContentFile(b"Date\n2026-01-01\n"))
    return {"job_uuid": job.uuid}


#: heard.jobs: background jobs with progress (issue 20).
FALLBACK_IDS.update(
    {
        "jobs:job-detail": _administrators_job,
        "jobs:job-download": _administrators_job,
        "jobs:job-try-again": _administrators_job,
    }
)


def _failed_message() -> dict[str, Any]:
    """A failed reminder to the administrator: "Retry now" (a POST) is reached from a failed
    message, which demo data has none of (heard.messaging, issue 20)."""
    from django.utils import timezone

    from heard.messaging.models import Message
    from heard.people.models import User

    admin = User.objects.get(email=data.ADMIN_EMAIL)
    message, _ = Message.objects.get_or_create(
        dedupe_key="crawl:failed-reminder",
        defaults={
            "kind": "actions_due",
            "user": admin,
            "status": "failed",
            "next_attempt_at": timezone.now(),
        },
    )
    return {"pk": message.pk}


FALLBACK_IDS["messaging:retry"] = _failed_message

# --- The site's URL patterns ---------------------------------------------------------------------


def _walk(patterns: Iterable[Any], prefix: str, namespace: str) -> Iterable[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name


def site_patterns() -> dict[str, str]:
    """Every page pattern of the site: URL name -> route."""
    return {
        name: route
        for route, name in _walk(get_resolver().url_patterns, "", "")
        if not route.startswith(NOT_PAGES) or name in PAGES_UNDER_NOT_PAGES
    }


def url_name(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


# --- Checking one page ---------------------------------------------------------------------------


@dataclass
class Problem:
    who: str
    width: int
    name: str
    url: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.who} @ {self.width}px] {self.name} {self.url}: {self.kind}\n{self.detail}"


@dataclass
class Crawl:
    who: str
    widths: tuple[dict[str, int], ...]
    screenshots: bool = False
    #: (URL name, width) pairs axe has run on, shared by the crawls of one run (AXE_EVERY_ROLE).
    axed: set[tuple[str, int]] = field(default_factory=set)
    axe_runs: int = 0
    visited: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=lambda: {"open": 0.0, "axe": 0.0})
    problems: list[Problem] = field(default_factory=list)

    def check(self, page: Any, name: str, url: str) -> list[str]:
        """Open the page, check it at each width; return the links on it."""
        from playwright.sync_api import Error

        self.visited[name] = url
        page.set_viewport_size(self.widths[0])
        started = time.monotonic()
        try:
            response = page.goto(url)
        except Error:
            # A download, or an error answered without a body (a 405 to a GET): the status is
            # what matters.
            response = page.context.request.get(url, max_redirects=0)
            self._status(name, url, response.status)
            return []
        self.seconds["open"] += time.monotonic() - started
        status = response.status if response is not None else 0
        self._status(name, url, status)
        if "text/html" not in ((response.headers.get("content-type") if response else "") or ""):
            return []
        for size in self.widths:
            if size != self.widths[0]:
                page.set_viewport_size(size)
            self._check_layout(page, name, url, size["width"], axe=size == NARROW or AXE_WIDE)
            if self.screenshots and name in SCREENSHOTS:
                SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
                path = SCREENSHOT_DIR / f"{SCREENSHOTS[name]}-{size['width']}.png"
                page.screenshot(path=str(path))
        return page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")

    def _status(self, name: str, url: str, status: int) -> None:
        if status >= 500 or status == 0:
            self.problems.append(Problem(self.who, 0, name, url, "server error", str(status)))

    def _check_layout(self, page: Any, name: str, url: str, width: int, *, axe: bool) -> None:
        scroll, inner = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll > inner:
            wide = page.evaluate(WIDEST_ELEMENTS, inner)
            detail = f"{scroll} px wide; widest: {', '.join(wide)}"
            self.problems.append(
                Problem(self.who, width, name, url, "wider than the window", detail)
            )
        # Every role's copy at 320 px in the deep run (where the stacked tables and folded
        # navigation differ by role); at 1280 px each pattern once, on the first role's copy.
        every_role = AXE_EVERY_ROLE and width == NARROW["width"]
        if not axe or (not every_role and (name, width) in self.axed):
            return
        self.axed.add((name, width))
        self.axe_runs += 1
        started = time.monotonic()
        violations = axe_violations(page, tags=AXE_TAGS)
        self.seconds["axe"] += time.monotonic() - started
        if violations:
            rules = ", ".join(violation["id"] for violation in violations)
            self.problems.append(
                Problem(self.who, width, name, url, f"axe: {rules}", format_violations(violations))
            )

    def run(self, page: Any, start: list[str]) -> None:
        """Follow links from ``start``, one page per URL pattern."""
        patterns = site_patterns()
        queue = deque(start)
        while queue:
            url = _same_site(queue.popleft())
            name = url_name(url) if url else None
            if url is None or name is None or name in self.visited or name not in patterns:
                continue
            queue.extend(self.check(page, name, url))

    def sweep(self, page: Any, reached: set[str]) -> None:
        """Open the patterns no crawl reached: as they are, or with ids from FALLBACK_IDS."""
        for name, route in site_patterns().items():
            if name in reached:
                continue
            if "<" not in route:
                self.check(page, name, reverse(name))
            elif name in FALLBACK_IDS and (kwargs := FALLBACK_IDS[name]()):
                self.check(page, name, reverse(name, kwargs=kwargs))


WIDEST_ELEMENTS = """(inner) => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > inner + 1)
  .filter(el => !el.parentElement || el.parentElement.getBoundingClientRect().right <= inner + 1)
  .slice(0, 3)
  .map(el => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className)
    .trim().split(/\\s+/).join('.') : ''} (${Math.round(el.getBoundingClientRect().right)} px)`)"""


def _same_site(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", ""):
        return None
    if parts.netloc and not parts.netloc.startswith(("localhost", "127.0.0.1")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- The crawl -----------------------------------------------------------------------------------


@pytest.fixture
def demo(transactional_db: None) -> Any:
    from heard.demo.loader import load_demo

    summary = load_demo(today=timezone.localdate())
    assert summary.created, summary.message
    _records_the_demo_lacks()
    return summary


def _pixel_png() -> bytes:
    """A valid PNG of one white pixel."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1 x 1, 8-bit greyscale
    pixels = zlib.compress(b"\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _records_the_demo_lacks() -> None:
    """A safeguarding concern, a piece of evidence and a reach target, through the services, so
    their pages have something to show (the demo has none of them)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from heard.people.models import User, YoungPerson
    from heard.privacy.models import LeastHeardGroup
    from heard.privacy.services.reach import least_heard_target_save
    from heard.safeguarding.services import concern_raise
    from heard.voice.models import View
    from heard.voice.services.evidence import evidence_attach

    officer = User.objects.get(email=data.OFFICER_EMAIL)
    concern_raise(
        actor=officer,
        what_happened="Said they did not feel safe walking home after the session.",
        happened_at=timezone.now() - datetime.timedelta(days=1),
        who_was_present="The two youth workers running the session.",
        immediate_action="Walked them to the bus stop and told the safeguarding lead.",
        child_told="That we would talk to someone whose job is to keep them safe.",
        young_person=YoungPerson.objects.order_by("pk").first(),
    )
    evidence_attach(
        actor=User.objects.get(email=data.ADMIN_EMAIL),
        view=View.objects.order_by("pk").first(),
        file=SimpleUploadedFile("flipchart.png", _pixel_png(), content_type="image/png"),
        description="Photo of the flipchart",
    )
    today = timezone.localdate()
    least_heard_target_save(
        actor=User.objects.get(email=data.LEAD_EMAIL),
        group=LeastHeardGroup.IN_CARE,
        target=20,
        start=today - datetime.timedelta(days=100),
        end=today + datetime.timedelta(days=265),
    )


def _context(chromium: Any, live_server: Any) -> Any:
    context = chromium.new_context(
        base_url=live_server.url, bypass_csp=True, locale="en-GB", timezone_id="Europe/London"
    )
    # Generous: in CI the crawl shares 2 cores with the suite and its database (load 4 to 5), and
    # the API reference is a 2.6 MB page; a slow answer is not what the crawl checks.
    context.set_default_timeout(90_000)
    return context


def _staff_page(chromium: Any, live_server: Any, email: str) -> Any:
    from heard.people.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))  # two-factor verified (tests/conftest.py)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = _context(chromium, live_server)
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def _young_person_page(chromium: Any, live_server: Any) -> Any:
    """A young person with a code, signed in to the portal (the one who took part most)."""
    from django.db.models import Count

    from heard.people.models import YoungPerson
    from heard.portal import services as portal_services

    person = (
        YoungPerson.objects.annotate(times=Count("attendances")).order_by("-times", "pk").first()
    )
    _, code = portal_services.sign_in_code_issue(actor=None, young_person=person)
    page = _context(chromium, live_server).new_page()
    page.set_viewport_size(NARROW)
    page.goto(reverse("portal:sign-in"))
    page.get_by_label("Your code").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert urlsplit(page.url).path == reverse("portal:home"), page.url
    return page


ROLES = [spec for spec in data.STAFF if spec.login]
if os.environ.get("HEARD_CRAWL_ROLES"):  # a quicker run while working on one role's pages
    ROLES = [spec for spec in ROLES if spec.role in os.environ["HEARD_CRAWL_ROLES"].split(",")]


def _report(crawls: list[Crawl]) -> None:
    problems = [problem for crawl in crawls for problem in crawl.problems]
    unexpected = [problem for problem in problems if problem.name not in EXPECTED_FAILURES]
    failing = {problem.name for problem in problems}
    passing = sorted(set(EXPECTED_FAILURES) - failing)
    visited = sum(len(crawl.visited) for crawl in crawls)
    pairs = len(crawls[0].axed) if crawls else 0
    runs = sum(crawl.axe_runs for crawl in crawls)
    print(
        f"\nCrawled {visited} pages as {', '.join(crawl.who for crawl in crawls)}; axe ran "
        f"{runs} times over {pairs} (page pattern, width) pairs"
        + ("." if AXE_EVERY_ROLE else ", on the first role's copy of each.")
    )
    for crawl in crawls:
        seconds = ", ".join(f"{kind} {total:.0f} s" for kind, total in crawl.seconds.items())
        print(f"  {crawl.who}: {len(crawl.visited)} pages ({seconds})")
    if passing:
        print(
            "These expected failures now pass; take them off EXPECTED_FAILURES: "
            + ", ".join(passing)
        )
    expected = [problem for problem in problems if problem.name in EXPECTED_FAILURES]
    if expected:
        names = ", ".join(sorted(failing & set(EXPECTED_FAILURES)))
        print(f"{len(expected)} expected failure(s) on: {names}")
    assert not unexpected, f"{len(unexpected)} problem(s):\n" + "\n\n".join(map(str, unexpected))


def test_the_pages_axed_elsewhere_are_axed_with_the_same_rules():
    from tests.browser.test_api_reference import AXE_TAGS as api_reference_tags

    assert {name for name, _ in AXED_ELSEWHERE} == {"api-docs"}
    assert api_reference_tags == AXE_TAGS


def test_every_page_as_every_role_at_1280_and_320(chromium, live_server, demo):
    crawls = []
    reached: set[str] = set()
    axed: set[tuple[str, int]] = set(AXED_ELSEWHERE)
    for spec in ROLES:
        crawl = Crawl(
            who=str(Role(spec.role).label),
            widths=(WIDE, NARROW),
            screenshots=spec.role == SCREENSHOT_ROLE,
            axed=axed,
        )
        page = _staff_page(chromium, live_server, spec.email)
        try:
            crawl.run(page, [reverse("home")])
        finally:
            page.context.close()
        crawls.append(crawl)
        reached |= set(crawl.visited)

    page = _young_person_page(chromium, live_server)
    try:
        young_person = Crawl(who="Young person", widths=(NARROW,), axed=axed)
        young_person.run(page, [reverse("portal:home")])
    finally:
        page.context.close()
    crawls.append(young_person)

    page = _context(chromium, live_server).new_page()
    try:
        anyone = Crawl(who="Anyone", widths=(NARROW,), axed=axed)
        anyone.run(page, [reverse("core:sign-in"), reverse("portal:public")])
        anyone.check(page, "(page not found)", "/no-such-page/")
    finally:
        page.context.close()
    crawls.append(anyone)
    reached |= set(young_person.visited) | set(anyone.visited)

    # The patterns no link led to (actions that buttons post to, downloads, email links).
    page = _staff_page(chromium, live_server, data.ADMIN_EMAIL)
    try:
        rest = Crawl(who="Administrator, unlinked pages", widths=(WIDE, NARROW), axed=axed)
        rest.sweep(page, reached)
    finally:
        page.context.close()
    crawls.append(rest)
    reached |= set(rest.visited)

    _report(crawls)
    unreached = sorted(set(site_patterns()) - reached)
    assert not unreached, (
        "No crawl reached these page patterns: link to them from a page, or add their ids to "
        f"FALLBACK_IDS: {', '.join(unreached)}"
    )
