"""Two Heard servers and a job worker over one PostgreSQL database, one Redis and one object store
(issue 20), all on loopback: a member of staff signed in on one server is signed in on the other;
a file uploaded through one downloads through the other; a rate limit counts the requests of both;
an export started on one is run by the worker and downloaded from the other.

Each server is gunicorn as ``make run`` starts it (tests/core/served.py), with production
settings (no HEARD_TESTING: static files collected, real password hashing), REDIS_URL on a
redis-server of the test's own (unix socket) and STORAGE_* on the test's object store
(tests/ops/engines.py). The database is a scratch one on the PostgreSQL at 127.0.0.1:5432,
created here and dropped at the end; without that PostgreSQL the whole file is skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from tests.core import served
from tests.ops.engines import object_store, redis_server

#: It serves Heard on a database of its own, whatever DATABASE_URL says (own_database).
pytestmark = pytest.mark.own_database


def _postgres_answers() -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 5432), timeout=2):
        return True
    return False


if not _postgres_answers():  # pragma: no cover - depends on the machine
    pytest.skip(
        "no PostgreSQL answers on 127.0.0.1:5432: the two-server test needs one",
        allow_module_level=True,
    )

PASSWORD = served.PASSWORD

SETUP = f"""
import json
from django_otp.plugins.otp_totp.models import TOTPDevice
from heard.core.roles import Role
from heard.people import services as people
from heard.voice import services as voice
from tests import factories
organisation = people.organisation_create(actor=None, name="Riverside Youth Project")
officer = people.staff_create(
    actor=None, email="officer@two-servers.test", full_name="Sam Officer",
    role=Role.PARTICIPATION_OFFICER, password={PASSWORD!r},
)
device = TOTPDevice.objects.create(user=officer, name="Phone", confirmed=True)
group = factories.GroupFactory(host_organisation=organisation)
members = [factories.MembershipFactory(group=group).young_person for _ in range(3)]
session = factories.SessionFactory(group=group)
for person in members:
    factories.AttendanceFactory(session=session, young_person=person)
view = voice.view_record(actor=officer, text="Open on Saturdays", session=session, group=group)
print(json.dumps({{"view": view.pk, "totp_key": device.key}}))
"""


def _totp(key_hex: str) -> str:
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(key_hex)):06d}"


@contextlib.contextmanager
def scratch_database() -> Iterator[str]:
    import psycopg

    name = f"heard_two_servers_{secrets.token_hex(4)}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Worker:
    """``heard worker``: background jobs, here on RQ (REDIS_URL), as a process of its own."""

    def __init__(self, env: dict[str, str]) -> None:
        self.log = tempfile.NamedTemporaryFile("w+", prefix="heard-worker-", suffix=".log")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [str(served.BIN / "heard"), "worker"],
            env=env,
            cwd=served.ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def log_text(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[dict[str, Any]]:
    var_dir = tmp_path_factory.mktemp("two-servers-var")
    with (
        redis_server() as redis,
        object_store() as store,
        scratch_database() as database_url,
    ):
        store.create_bucket()
        env = served.environment(database_url, var_dir)
        del env["HEARD_TESTING"]
        env |= store.env() | {
            "REDIS_URL": redis.url,
            # Any list export becomes a job (heard.jobs), run by the one worker started here,
            # not by workers the servers would start beside themselves (gunicorn.conf.py).
            "HEARD_EXPORT_JOB_THRESHOLD": "1",
            "HEARD_JOB_WORKERS": "0",
            # SETUP uses the test factories.
            "PYTHONPATH": os.pathsep.join([str(served.ROOT / "src"), str(served.ROOT)]),
        }
        served.heard(env, "migrate", "--noinput", timeout=300)
        served.heard(env, "collectstatic", "--noinput", "--verbosity", "0", timeout=300)
        setup = served.heard_python(env, SETUP)
        worker = Worker(env)
        try:
            with (
                served.Server(env, workers=1, threads=2) as one,
                served.Server(env, workers=1, threads=2) as two,
            ):
                yield {
                    "one": one,
                    "two": two,
                    "store": store,
                    "worker": worker,
                    "env": env,
                    **setup,
                }
        finally:
            worker.stop()


def url(server: served.Server, path: str) -> str:
    return f"http://{served.HOST}:{server.port}{path}"


def csrf_token(page: requests.Response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, page.text[:2000]
    return found.group(1)


def post_form(
    browser: requests.Session, server: served.Server, path: str, data: dict[str, str], **kwargs: Any
) -> requests.Response:
    page = browser.get(url(server, path), timeout=30)
    assert page.status_code == 200, (path, page.status_code, page.text[:500])
    return browser.post(
        url(server, path),
        data={"csrfmiddlewaretoken": csrf_token(page), **data},
        headers={"Referer": url(server, path)},
        allow_redirects=False,
        timeout=60,
        **kwargs,
    )


@pytest.fixture(scope="module")
def signed_in(cluster) -> requests.Session:
    """The officer signed in on server one: password, then a code from their authenticator."""
    from django.urls import reverse

    browser = requests.Session()
    one = cluster["one"]
    answer = post_form(
        browser,
        one,
        reverse("core:sign-in"),
        {"username": "officer@two-servers.test", "password": PASSWORD},
    )
    assert answer.status_code == 302, answer.text[:1000]
    assert urlsplit(answer.headers["Location"]).path == reverse("core:two-factor")
    answer = post_form(
        browser, one, reverse("core:two-factor"), {"code": _totp(cluster["totp_key"])}
    )
    assert answer.status_code == 302, answer.text[:1000]
    return browser


def test_signed_in_on_one_is_signed_in_on_the_other(cluster, signed_in):
    from django.urls import reverse

    for server in (cluster["one"], cluster["two"]):
        page = signed_in.get(url(server, reverse("home")), allow_redirects=False, timeout=30)
        assert page.status_code == 200
        assert "Sam Officer" in page.text
    # A browser without the cookie is sent to sign in by both.
    for server in (cluster["one"], cluster["two"]):
        page = requests.get(url(server, reverse("home")), allow_redirects=False, timeout=30)
        assert page.status_code == 302


def test_uploaded_through_one_downloads_through_the_other(cluster, signed_in):
    from django.urls import reverse

    pdf = b"%PDF-1.7\n" + secrets.token_bytes(2048)
    answer = post_form(
        signed_in,
        cluster["one"],
        reverse("voice:evidence-add", args=[cluster["view"]]),
        {"description": "Minutes"},
        files={"file": ("minutes.pdf", pdf, "application/pdf")},
    )
    assert answer.status_code == 302, answer.text[:1000]
    page = signed_in.get(url(cluster["two"], reverse("voice:view-detail", args=[cluster["view"]])))
    found = re.search(r'href="(/voice/evidence/(\d+)/)"', page.text)
    assert found, page.text[:3000]
    download = signed_in.get(url(cluster["two"], found.group(1)), allow_redirects=False, timeout=30)
    assert download.status_code == 302
    link = download.headers["Location"]
    assert link.startswith(cluster["store"].endpoint)
    got = requests.get(link, timeout=30)
    assert got.status_code == 200 and got.content == pdf
    assert (
        got.headers["Content-Disposition"]
        == f'attachment; filename="evidence-{found.group(2)}.pdf"'
    )
    # The object store serves nothing without the signature.
    bare = requests.get(link.split("?")[0], timeout=30)
    assert bare.status_code == 403


def test_a_rate_limit_counts_requests_on_both_servers(cluster):
    """The same wrong portal code, tried in turn on each server: the 6th try (3 on each) is
    refused; each server alone saw only three."""
    from django.urls import reverse

    browser = requests.Session()
    statuses = []
    for attempt in range(6):
        server = cluster["one"] if attempt % 2 == 0 else cluster["two"]
        answer = post_form(browser, server, reverse("portal:sign-in"), {"code": "ABCD-EFGH"})
        statuses.append(answer.status_code)
    assert statuses == [200, 200, 200, 200, 200, 429]
    # Counted in Redis (REDIS_URL), not in the database's rows.
    counted_in_database = served.heard_python(
        cluster["env"],
        "import json\nfrom heard.portal.models import SignInAttempts\n"
        "print(json.dumps(SignInAttempts.objects.count()))",
    )
    assert counted_in_database == 0


def test_an_export_started_on_one_finishes_on_the_worker(cluster, signed_in):
    from django.urls import reverse

    started = signed_in.get(
        url(cluster["one"], reverse("people:young-person-list")),
        params={"format": "csv"},
        allow_redirects=False,
        timeout=30,
    )
    assert started.status_code == 303, started.text[:1000]
    job_page = urlsplit(started.headers["Location"]).path
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        page = signed_in.get(url(cluster["two"], job_page), timeout=30)
        if "http-equiv" not in page.text:  # finished: the page stops refreshing
            break
        time.sleep(0.5)
    else:
        raise AssertionError(f"the job did not finish:\n{cluster['worker'].log_text()[-3000:]}")
    download = signed_in.get(url(cluster["two"], f"{job_page}download/"), timeout=30)
    assert download.status_code == 200, (page.text[-2000:], cluster["worker"].log_text()[-2000:])
    rows = download.text.strip().splitlines()
    assert len(rows) == 1 + 3  # a heading and the three young people
