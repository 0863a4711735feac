"""Heard's benchmark suite (issue 6): run by ``make bench``; bench/README.md explains the results.

Against PostgreSQL with the national-scale generated data, it serves Heard as ``make run`` does
(gunicorn, production settings, DEBUG off) on a loopback port, then measures with ``wrk``:
each list, detail, home page and API list (median, p95, queries per request), the home counts
and the loop figures against their SQL floor, a mixed read/write workload with 32 clients
against the framework floor, a CSV import of 10,000 young people, a streamed CSV export of every
session and the memory of the workers. Every loop is bounded and every request goes to 127.0.0.1.

Queries per request are counted in-process with Django's test client and
``CaptureQueriesContext`` on the same database (so the served code needs no instrumentation):
lists on pages 1 and 2, details on two objects of different sizes; equal counts mean fixed.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "bench" / "results"
#: Both keep the latest table between these markers: the bench's own README and the project's
#: (its performance section).
READMES = (ROOT / "bench" / "README.md", ROOT / "README.md")
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/heard_bench"
HOST = "127.0.0.1"
BENCH_TITLE = "Bench mixed workload"
BENCH_AREA = "Bench import"
BENCH_SESSION_TITLE = "Bench session import"

#: Targets from issue 6 (national scale, PostgreSQL, this machine).
TARGET_P95_MS = 150.0
TARGET_AGGREGATE_RATIO = 1.5
TARGET_AGGREGATE_MS = 1000.0
#: The aggregates of ``aggregates()``, in the table's order.
AGGREGATES = ("home_counts", "loop_figures", "reach")
TARGET_MIXED_SHARE = 0.40
TARGET_MIXED_P95_MS = 250.0
TARGET_IMPORT_S = 20.0
TARGET_SESSION_IMPORT_S = 30.0
TARGET_EXPORT_MB = 300.0


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# Setup ------------------------------------------------------------------------------------------


def environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="heard.config.settings",
        HEARD_BENCH="1",
        LOG_LEVEL="WARNING",
    )
    env.pop("DEBUG", None)
    env.pop("HEARD_TESTING", None)
    return env


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?", 1)[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def heard(env: dict[str, str], *argv: str) -> None:
    subprocess.run([str(BIN / "heard"), *argv], env=env, cwd=ROOT, check=True)


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(
        {k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "HEARD_BENCH")}
    )
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


# The server and its workers' memory -------------------------------------------------------------


class Server:
    def __init__(self, env: dict[str, str], port: int, workers: int) -> None:
        self.port = port
        self.log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w+", prefix="heard-bench-gunicorn-", suffix=".log", delete=False
        )
        # The same command line and settings file as `make run`, on another port.
        command = [
            str(BIN / "gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "heard.config.wsgi:application",
        ]
        env = env | {"HOST": HOST, "PORT": str(port), "WORKERS": str(workers)}
        self.process = subprocess.Popen(  # noqa: S603
            command, env=env, cwd=ROOT, stdout=self.log_file, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log_file.seek(0)
                raise SystemExit(f"gunicorn stopped:\n{self.log_file.read()[-3000:]}")
            try:
                status, _ = request("GET", port, "/healthz")
                if status == 200 and len(self.workers()) >= workers:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer /healthz within 60 s")

    def children(self) -> list[int]:
        try:
            text = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in text.split()]

    def workers(self) -> list[int]:
        """gunicorn's web workers (not the job worker it starts beside them)."""
        return [pid for pid in self.children() if pid not in self.job_workers()]

    def job_workers(self) -> list[int]:
        """The `heard worker` processes gunicorn.conf.py starts (background jobs)."""
        found = []
        for pid in self.children():
            try:
                argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            # `heard worker`: the script (run by its interpreter, or itself), then "worker".
            heard = [n for n, part in enumerate(argv[:2]) if part.endswith(b"/heard")]
            if heard and argv[heard[0] + 1 : heard[0] + 2] == [b"worker"]:
                found.append(pid)
        return found

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log_file.close()

    def worker_timeouts(self) -> int:
        return Path(self.log_file.name).read_text().count("WORKER TIMEOUT")


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_ticks(pid: int, children: bool = False) -> int:
    """User and system CPU of a process in clock ticks (with its reaped children's: PostgreSQL's
    postmaster reaps the backends that ended, so their time is not lost)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    # After the command: state is field 3, so utime, stime, cutime, cstime are 14-17 (11-14 here).
    ticks = int(fields[11]) + int(fields[12])
    return ticks + (int(fields[13]) + int(fields[14]) if children else 0)


def _postgres_pids() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


class CpuMeter:
    """The CPU that Heard's workers and PostgreSQL spend during a load, and how busy the whole
    machine was: with the requests served, the CPU a request costs and so the most requests a
    second these cores can serve, whatever the server's settings."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.heard_seconds = self.postgres_seconds = 0.0
        self.machine_busy = 0.0
        self.busiest_worker_share = 0.0

    def _read(self) -> tuple[dict[int, int], int, tuple[int, int]]:
        workers = {pid: _cpu_ticks(pid) for pid in self.server.workers()}
        postgres = sum(_cpu_ticks(pid, children=True) for pid in _postgres_pids())
        return workers, postgres, _machine_ticks()

    def __enter__(self) -> CpuMeter:
        self._start = self._read()
        return self

    def __exit__(self, *exc: object) -> None:
        workers, postgres, (busy, total) = self._read()
        hz = os.sysconf("SC_CLK_TCK")
        spent_by = {pid: ticks - self._start[0].get(pid, 0) for pid, ticks in workers.items()}
        heard = sum(spent_by.values())
        self.heard_seconds = heard / hz
        # How evenly the workers shared the load: 1/3 each is even; near 1, one worker (one
        # core, its GIL) did the work while the others idled.
        self.busiest_worker_share = max(spent_by.values()) / heard if heard else 0.0
        self.postgres_seconds = (postgres - self._start[1]) / hz
        spent = total - self._start[2][1]
        self.machine_busy = (busy - self._start[2][0]) / spent if spent else 0.0

    def per_request(self, requests: int, cores: int) -> dict[str, float]:
        cpu_ms = (self.heard_seconds + self.postgres_seconds) * 1000 / requests if requests else 0
        return {
            "heard_cpu_s": round(self.heard_seconds, 2),
            "postgres_cpu_s": round(self.postgres_seconds, 2),
            "cpu_ms_per_request": round(cpu_ms, 2),
            "ceiling_per_s": round(cores * 1000 / cpu_ms, 1) if cpu_ms else 0.0,
            "machine_busy": round(self.machine_busy, 3),
            "busiest_worker_share": round(self.busiest_worker_share, 3),
        }


class MemorySampler:
    """Samples every worker's resident memory every 50 ms while running (bounded by ``stop``)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.peak = 0.0
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            top = max((rss_mb(pid) for pid in self.server.workers()), default=0.0)
            self.peak = max(self.peak, top)
            self.samples.append((time.monotonic(), top))
            self._stop.wait(0.05)


def request(
    method: str, port: int, path: str, headers: dict[str, str] | None = None, body: str = ""
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# wrk ---------------------------------------------------------------------------------------------

WRK_DONE = r"""
done = function(summary, latency, requests)
  io.write(string.format(
    "BENCHJSON {\"requests\":%d,\"duration_us\":%d,\"status_errors\":%d,\"socket_errors\":%d," ..
    "\"p50_us\":%d,\"p95_us\":%d,\"p99_us\":%d,\"max_us\":%d}\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass
class Load:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(
    port: int,
    path: str,
    *,
    seconds: int,
    connections: int = 1,
    threads: int = 1,
    headers: dict[str, str] | None = None,
    script: str = "",
) -> Load:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + WRK_DONE)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        lua.name,
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    try:
        output = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, check=True, timeout=seconds + 60
        ).stdout
    finally:
        os.unlink(lua.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCHJSON "))
    data = json.loads(line.removeprefix("BENCHJSON "))
    return Load(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=data["status_errors"] + data["socket_errors"],
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
    )


#: A page slower than this is timed with a few sequential requests instead of wrk, so that no
#: abandoned request keeps a worker busy into the next measurement.
SLOW_MS = 1000.0
SLOW_SAMPLES = 3


def measure(port: int, path: str, seconds: int, headers: dict[str, str]) -> Load:
    """Median and p95 of one client: wrk for quick pages, a few timed requests for slow ones."""
    started = time.perf_counter()
    status, _ = request("GET", port, path, headers)
    first_ms = (time.perf_counter() - started) * 1000
    if first_ms < SLOW_MS:
        return wrk(port, path, seconds=seconds, headers=headers)
    times, errors = [first_ms], int(status >= 400)
    for _ in range(SLOW_SAMPLES - 1):
        started = time.perf_counter()
        try:
            status, _ = request("GET", port, path, headers)
            errors += int(status >= 400)
        except OSError:
            errors += 1
        times.append((time.perf_counter() - started) * 1000)
    return Load(
        requests=len(times),
        seconds=sum(times) / 1000,
        errors=errors,
        p50_ms=statistics.median(times),
        p95_ms=max(times),
        p99_ms=max(times),
    )


# What to measure ----------------------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str
    kind: str  # list, detail, home, api
    path: str
    role: str
    #: A second path that must run the same number of queries (page 2, a bigger object).
    other_path: str = ""
    api: bool = False
    #: The p95 it must meet: a page's 150 ms, or for a page that is one aggregate of the whole
    #: partnership (the loop figures, a report) the aggregates' "under 1 second" (issue 6).
    limit_ms: float = TARGET_P95_MS


def target_text(limit_ms: float) -> str:
    return f"<= {limit_ms:.0f}" if limit_ms == TARGET_P95_MS else f"< {limit_ms:.0f}"


@dataclass
class Fixture:
    """Signed-in clients and the objects the measured pages show."""

    cookies: dict[str, str] = field(default_factory=dict)
    session_keys: dict[str, str] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    token: str = ""
    ids: dict[str, list[int]] = field(default_factory=dict)
    #: The twin of a list whose page 2 is empty at this scale: a filter that leaves fewer rows.
    twins: dict[str, str] = field(default_factory=dict)
    write_bodies: list[str] = field(default_factory=list)


def signed_in_session(user: Any, *, hours: int) -> str:
    """A database session signed in as ``user``, two factors confirmed, as a sign-in leaves it
    (no password): its key, for a cookie or a test client."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device_key = verified_device_session(user)
    if device_key:
        store[device_key[0]] = device_key[1]
    store.set_expiry(hours * 60 * 60)
    store.create()
    return store.session_key or ""


def prepare(today: datetime.date) -> Fixture:
    from django.conf import settings
    from django.db.models import Count, Q
    from rest_framework.authtoken.models import Token

    from heard.core.roles import Role
    from heard.groups.models import Group, Theme
    from heard.participation.models import Session
    from heard.people.models import Organisation, User, YoungPerson
    from heard.privacy.models import LeastHeardTarget
    from heard.voice.models import Response, View

    fixture = Fixture()
    for role in Role:
        user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
        if user is None:
            continue
        session_key = signed_in_session(user, hours=6)
        fixture.cookies[role] = f"{settings.SESSION_COOKIE_NAME}={session_key}"
        fixture.session_keys[role] = session_key
        fixture.users[role] = user
    admin = fixture.users[Role.ADMINISTRATOR]
    fixture.token = Token.objects.get_or_create(user=admin)[0].key
    # Two of each for the detail pages: an ordinary one and a large one.
    busiest_group = (
        Group.objects.annotate(n=Count("sessions")).order_by("-n").values_list("pk", flat=True)[0]
    )
    fixture.ids["group"] = [
        Group.objects.order_by("pk").values_list("pk", flat=True)[0],
        busiest_group,
    ]
    fixture.ids["session"] = [
        Session.objects.filter(group__isnull=True).order_by("pk").values_list("pk", flat=True)[0],
        Session.objects.filter(group=busiest_group)
        .order_by("-date")
        .values_list("pk", flat=True)[0],
    ]
    busiest_org = (
        Organisation.objects.annotate(n=Count("young_people"))
        .order_by("-n")
        .values_list("pk", flat=True)[0]
    )
    fixture.ids["organisation"] = [
        Organisation.objects.order_by("pk").values_list("pk", flat=True)[0],
        busiest_org,
    ]
    fixture.ids["young_person"] = [
        YoungPerson.objects.order_by("pk").values_list("pk", flat=True)[0],
        YoungPerson.objects.annotate(n=Count("attendances"))
        .filter(n__gt=0)
        .order_by("-n")
        .values_list("pk", flat=True)[:1][0]
        if YoungPerson.objects.count() < 50_000
        else YoungPerson.objects.filter(
            pk__in=Session.objects.filter(group=busiest_group).values("attendances__young_person")
        )
        .order_by("pk")
        .values_list("pk", flat=True)[0],
    ]
    theme_ids = list(
        Theme.objects.annotate(n=Count("groups")).order_by("n").values_list("pk", flat=True)
    )
    fixture.ids["theme"] = [theme_ids[0], theme_ids[-1]]
    # Voice: a view and a response with one giver and with the most; the published theme pages.
    # Both views fed back, so both run every prefetch (a response's feedback, its young people
    # and groups): Django skips a prefetch whose parents are empty, one query fewer that is not
    # a difference in how the page scales.
    told = View.objects.filter(status__in=[View.Status.FED_BACK, View.Status.RATED])
    by_givers = told.annotate(n=Count("young_people")).values_list("pk", flat=True)
    fixture.ids["view"] = [by_givers.order_by("n", "pk")[0], by_givers.order_by("-n", "pk")[0]]
    fixture.ids["response"] = [
        Response.objects.order_by("pk").values_list("pk", flat=True)[0],
        Response.objects.annotate(n=Count("views"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[0],
    ]
    published = list(
        Theme.objects.annotate(n=Count("views", filter=Q(views__consent=View.Consent.PUBLISH)))
        .order_by("n", "pk")
        .values_list("pk", flat=True)
    )
    fixture.ids["published_theme"] = [published[0], published[-1]]
    # The least-heard targets are one per group and year (25 at national scale), so page 2 is
    # empty: their twin is the targets of one group.
    target_group = LeastHeardTarget.objects.order_by("group").values_list("group", flat=True)[:1]
    if target_group:
        fixture.twins["/privacy/reach/targets/"] = (
            f"/privacy/reach/targets/?group={target_group[0]}"
        )
    # Writes for the mixed workload: a session with 20 attendees for an active group.
    groups = list(
        Group.objects.filter(stage=Group.Stage.ACTIVE)
        .annotate(n=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .order_by("-n", "pk")
        .values_list("pk", "host_organisation_id")[:20]
    )
    for group_id, host in groups:
        people = list(
            YoungPerson.objects.filter(organisation_id=host, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:20]
        )
        if len(people) < 20:
            continue
        fixture.write_bodies.append(
            json.dumps(
                {
                    "date": today.isoformat(),
                    "kind": "group_session",
                    "title": BENCH_TITLE,
                    "degree": "adult_initiated_shared",
                    "participation_type": "public",
                    "group": group_id,
                    "attendees": [{"young_person": pk, "status": "attended"} for pk in people],
                }
            )
        )
    return fixture


def verified_device_session(user: Any) -> tuple[str, str] | None:
    """A confirmed authenticator device, as a two-factor sign-in leaves it in the session."""
    try:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice
    except ImportError:  # two-factor sign-in not installed
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Benchmark", confirmed=True)
    return DEVICE_ID_SESSION_KEY, device.persistent_id


def endpoints(fixture: Fixture) -> list[Endpoint]:
    from heard.core.roles import Role

    ids = fixture.ids
    admin = Role.ADMINISTRATOR
    found: list[Endpoint] = []
    lists = [
        ("young people", "/people/young-people/"),
        ("organisations", "/people/organisations/"),
        ("staff", "/people/staff/"),
        ("themes", "/groups/themes/"),
        ("groups", "/groups/"),
        ("calendar", "/groups/calendar/"),
        ("sessions", "/sessions/"),
        ("monitoring follow-up", "/sessions/monitoring/"),
        ("views", "/voice/"),
        ("open views", "/voice/?status=open"),
        ("feedback owed", "/voice/feedback-owed/"),
        ("background checks", "/safeguarding/checks/"),
        ("training records", "/safeguarding/training/"),
        ("benchmark shares", "/privacy/reach/benchmarks/"),
        ("least-heard targets", "/privacy/reach/targets/"),
    ]
    for name, path in lists:
        twin = fixture.twins.get(path, f"{path}{'&' if '?' in path else '?'}page=2")
        found.append(Endpoint(f"list {name}", "list", path, admin, twin))
    # Pages that are one short list, whatever the data (no page 2).
    for name, path in (
        ("checks due", "/safeguarding/checks/due/"),
        ("you said, we did (public)", "/you-said-we-did/"),
    ):
        found.append(Endpoint(f"page {name}", "list", path, admin))
    # Pages that are one aggregate of the whole partnership's year: the loop figures and the
    # equality reach report, held to the aggregates' target (their SQL floors are in the
    # aggregates table with their SQL floors: the loop figures' 0.6 s of SQL alone is over a
    # page's 150 ms).
    for name, path in (("loop figures", "/voice/loop/"), ("reach", "/privacy/reach/")):
        found.append(
            Endpoint(f"page {name}", "aggregate", path, admin, limit_ms=TARGET_AGGREGATE_MS)
        )
    for name, path in (("young people", "/people/young-people/"), ("sessions", "/sessions/")):
        found.append(
            Endpoint(f"list {name} (partner)", "list", path, Role.PARTNER_WORKER, f"{path}?page=2")
        )
    details = [
        ("young person", "/people/young-people/{}/", "young_person"),
        ("organisation", "/people/organisations/{}/", "organisation"),
        ("theme", "/groups/themes/{}/", "theme"),
        ("group", "/groups/{}/", "group"),
        ("session", "/sessions/{}/", "session"),
        ("view", "/voice/{}/", "view"),
        ("response", "/voice/responses/{}/", "response"),
        ("young person's journey", "/voice/young-people/{}/journey/", "young_person"),
        ("consents", "/privacy/young-people/{}/", "young_person"),
        ("public theme", "/you-said-we-did/themes/{}/", "published_theme"),
    ]
    for name, pattern, key in details:
        small, big = ids[key]
        found.append(
            Endpoint(f"detail {name}", "detail", pattern.format(big), admin, pattern.format(small))
        )
    for role in fixture.cookies:
        found.append(Endpoint(f"home {role}", "home", "/home/", role))
    for name in (
        "young-people",
        "organisations",
        "staff",
        "themes",
        "groups",
        "memberships",
        "sessions",
        "views",
        "responses",
        "feedback",
        "consents",
        "background-checks",
        "training-records",
    ):
        path = f"/api/v1/{name}/"
        # Page 2 of pages of 20: rows on it wherever the first page of 50 is full or not (the
        # themes are 50, so their page 2 of 50 was empty and skipped a prefetch).
        twin = f"{path}?page_size=20&page=2"
        found.append(Endpoint(f"api {name}", "api", path, admin, twin, api=True))
    found.append(Endpoint("api home-counts", "api", "/api/v1/home-counts/", admin, api=True))
    found.append(
        Endpoint(
            "api loop-figures",
            "aggregate",
            "/api/v1/loop-figures/",
            admin,
            api=True,
            limit_ms=TARGET_AGGREGATE_MS,
        )
    )
    return found


def headers_for(endpoint: Endpoint, fixture: Fixture) -> dict[str, str]:
    if endpoint.api:
        return {"Authorization": f"Token {fixture.token}"}
    return {"Cookie": fixture.cookies[endpoint.role]}


def count_queries(endpoint: Endpoint, fixture: Fixture) -> tuple[int, int | None, int]:
    """Queries for the path and for its twin, and the status, with Django's test client."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if endpoint.api:
        extra = {"HTTP_AUTHORIZATION": f"Token {fixture.token}"}
    else:
        client.cookies[settings.SESSION_COOKIE_NAME] = fixture.session_keys[endpoint.role]
        extra = {}
    counts: list[int | None] = []
    status = 0
    # Once uncounted: a client's first request also renews its session and fills per-process
    # caches (content types, the partnership's settings), which no later request repeats.
    warm = client.get(endpoint.path, **extra)  # type: ignore[arg-type]
    if hasattr(warm, "streaming_content"):
        b"".join(warm.streaming_content)
    for path in (endpoint.path, endpoint.other_path):
        if not path:
            counts.append(None)
            continue
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **extra)  # type: ignore[arg-type]
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        status = status or response.status_code
        counts.append(len(queries))
    return counts[0] or 0, counts[1], status


# The SQL floor of the aggregates ------------------------------------------------------------------


def aggregates(fixture: Fixture) -> dict[str, tuple[str, Any]]:
    """The aggregates measured against their SQL floor, for the whole partnership (as an
    administrator): name -> (the API endpoint that serves it, a call of its selector)."""
    from django.utils import timezone

    from heard.core.roles import Role
    from heard.participation.selectors import home_counts
    from heard.privacy import forms as privacy_forms
    from heard.privacy.selectors import reach
    from heard.voice.selectors import loop_figures

    admin = fixture.users[Role.ADMINISTRATOR]
    # The reach page's default period, as its form gives it for an empty query.
    period = privacy_forms.ReachForm({})
    period.is_valid()
    start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    found = {
        "home_counts": (
            "api home-counts",
            lambda: home_counts(user=admin, today=timezone.localdate()),
        ),
        "loop_figures": ("api loop-figures", lambda: loop_figures(user=admin)),
        "reach": ("page reach", lambda: reach(user=admin, start=start, end=end)),
    }
    assert tuple(found) == AGGREGATES
    return found


def aggregate_floor(
    fixture: Fixture, database_url: str, repeats: int, name: str = "home_counts"
) -> dict[str, Any]:
    """One aggregate (``aggregates()``): the selector in-process against its raw SQL."""
    import psycopg
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, run = aggregates(fixture)[name]
    run()  # warm
    with CaptureQueriesContext(connection) as captured:
        run()
    statements = [query["sql"] for query in captured.captured_queries]
    selector_times = []
    sql_times = []
    per_statement: list[list[float]] = [[] for _ in statements]
    # Side by side: each repeat runs the selector, then its SQL, so that the machine's noise (a
    # neighbour, autovacuum) falls on both alike rather than on whichever ran in its moment.
    with psycopg.connect(database_url) as conn:
        for _ in range(repeats):
            started = time.perf_counter()
            run()
            selector_times.append((time.perf_counter() - started) * 1000)
            total = 0.0
            for index, statement in enumerate(statements):
                started = time.perf_counter()
                conn.execute(statement).fetchall()  # type: ignore[call-overload]
                took = (time.perf_counter() - started) * 1000
                per_statement[index].append(took)
                total += took
            sql_times.append(total)
    selector_ms = statistics.median(selector_times)
    sql_ms = statistics.median(sql_times)
    return {
        "queries": len(statements),
        "selector_ms": round(selector_ms, 1),
        "sql_floor_ms": round(sql_ms, 1),
        "ratio": round(selector_ms / sql_ms, 2) if sql_ms else None,
        "statements": [
            {"sql": statement[:300], "median_ms": round(statistics.median(times), 1)}
            for statement, times in zip(statements, per_statement, strict=True)
        ],
    }


# Mixed workload ----------------------------------------------------------------------------------


def lightest_read(fixture: Fixture) -> tuple[str, dict[str, str]]:
    """The mix's cheapest read (one group over the API: about a third of the next cheapest
    page's time), loaded alone with the same 32 clients: what any real request costs here."""
    return f"/api/v1/groups/{fixture.ids['group'][1]}/", {"Authorization": f"Token {fixture.token}"}


def mixed_script(fixture: Fixture) -> str:
    from heard.core.roles import Role

    cookie = fixture.cookies[Role.ADMINISTRATOR]
    token = f"Token {fixture.token}"
    ids = fixture.ids
    reads = [
        ("/home/", "cookie"),
        ("/people/young-people/", "cookie"),
        ("/groups/", "cookie"),
        ("/sessions/", "cookie"),
        (f"/people/young-people/{ids['young_person'][0]}/", "cookie"),
        (f"/groups/{ids['group'][0]}/", "cookie"),
        (f"/sessions/{ids['session'][1]}/", "cookie"),
        ("/api/v1/sessions/", "token"),
        ("/api/v1/young-people/", "token"),
        (f"/api/v1/groups/{ids['group'][1]}/", "token"),
    ]
    lua_reads = ",\n".join(f'  {{path = "{path}", auth = "{auth}"}}' for path, auth in reads)
    lua_bodies = ",\n".join(f"  [==[{body}]==]" for body in fixture.write_bodies)
    return f"""
local reads = {{
{lua_reads}
}}
local bodies = {{
{lua_bodies}
}}
local cookie = "{cookie}"
local token = "{token}"
local counter = 0
init = function(args)
  math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16) % 100000)
end
request = function()
  counter = counter + 1
  if counter % 5 == 0 then
    local body = bodies[math.random(#bodies)]
    return wrk.format("POST", "/api/v1/sessions/",
      {{["Authorization"] = token, ["Content-Type"] = "application/json"}}, body)
  end
  local r = reads[math.random(#reads)]
  if r.auth == "cookie" then
    return wrk.format("GET", r.path, {{["Cookie"] = cookie}})
  end
  return wrk.format("GET", r.path, {{["Authorization"] = token}})
end
"""


# CSV import and export ---------------------------------------------------------------------------


def cleanup() -> dict[str, int]:
    """Remove what earlier runs wrote (mixed-workload sessions, imported young people)."""
    from django.db import transaction

    from heard.core.models import AuditEntry
    from heard.participation import summaries
    from heard.participation.models import Attendance, Session
    from heard.people.models import YoungPerson

    with transaction.atomic():
        sessions = Session.objects.filter(title__in=[BENCH_TITLE, BENCH_SESSION_TITLE])
        session_ids = [str(pk) for pk in sessions.values_list("pk", flat=True)]
        attended = Attendance.objects.filter(session__in=sessions)
        people_attended = set(attended.values_list("young_person_id", flat=True))
        dates = set(sessions.values_list("date", flat=True))
        groups = set(sessions.values_list("group_id", flat=True))
        removed_sessions = sessions.delete()[1].get("participation.Session", 0)
        # Deleting is not a service (sessions are never deleted in Heard): keep the summaries.
        summaries.refresh(young_people=people_attended, days=dates)
        summaries.refresh_last_sessions(groups)
        people = YoungPerson.objects.filter(area=BENCH_AREA)
        people_ids = [str(pk) for pk in people.values_list("pk", flat=True)]
        removed_people = people.delete()[1].get("people.YoungPerson", 0)
        AuditEntry.objects.filter(
            object_type="participation.session", object_id__in=session_ids
        ).delete()
        AuditEntry.objects.filter(
            object_type="people.youngperson", object_id__in=people_ids
        ).delete()
    return {"sessions": removed_sessions, "young_people": removed_people}


def csv_import(fixture: Fixture, rows: int) -> dict[str, Any]:
    import csv
    import io

    from heard.core.roles import Role
    from heard.people import importers, services
    from heard.people.models import Organisation

    admin = fixture.users[Role.ADMINISTRATOR]
    organisations = list(
        Organisation.objects.filter(is_active=True)
        .order_by("pk")
        .values_list("name", flat=True)[:50]
    )
    bands = ["8 to 10", "11 to 13", "14 to 15", "16 to 17"]
    per_file = min(rows, importers.MAX_ROWS)
    files = []
    for start in range(0, rows, per_file):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            ["first_name", "last_name", "age_band", "organisation", "area", "confirm_not_duplicate"]
        )
        for number in range(start, min(start + per_file, rows)):
            writer.writerow(
                [
                    f"Bench{number}",
                    "Importer",
                    bands[number % len(bands)],
                    organisations[number % len(organisations)],
                    BENCH_AREA,
                    "yes",
                ]
            )
        files.append(buffer.getvalue())
    started = time.perf_counter()
    created = 0
    problems: list[Any] = []
    for text in files:
        result = services.young_people_import(actor=admin, file=text, dry_run=False)
        if result.errors:
            problems.extend(result.errors[:5])
            break
        created += len(result.created)
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "files": len(files),
        "rows_per_file_limit": importers.MAX_ROWS,
        "created": created,
        "seconds": round(seconds, 2),
        "errors": [list(map(str, problem)) for problem in problems],
    }


def session_csv_files(rows: int) -> list[str]:
    """CSV files of ``rows`` group sessions (at most the importer's ``MAX_ROWS`` each), spread
    over the groups with a unique name, each attended by up to six of the group's members."""
    import csv
    import datetime
    import io

    from django.db.models import Count
    from django.utils import timezone

    from heard.groups.models import Group, Membership
    from heard.participation import importers

    names = list(
        Group.objects.values("name")
        .annotate(n=Count("pk"))
        .filter(n=1)
        .order_by("name")
        .values_list("name", flat=True)[:500]
    )
    members: dict[str, list[str]] = {name: [] for name in names}
    for name, reference in Membership.objects.filter(
        group__name__in=names, left_on__isnull=True
    ).values_list("group__name", "young_person__reference"):
        if len(members[name]) < 6:
            members[name].append(reference)
    today = timezone.localdate()
    per_file = min(rows, importers.MAX_ROWS)
    files = []
    for start in range(0, rows, per_file):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            [
                "date",
                "kind",
                "group",
                "title",
                "degree",
                "participation_type",
                "methods",
                "standards",
                "attendees",
                "monitoring_form_complete",
            ]
        )
        for number in range(start, min(start + per_file, rows)):
            name = names[number % len(names)]
            writer.writerow(
                [
                    (today - datetime.timedelta(days=1 + number % 300)).isoformat(),
                    "Group session",
                    name,
                    BENCH_SESSION_TITLE,
                    "adult_initiated_shared",
                    "social",
                    "Discussion",
                    "Strategy",
                    ";".join(members[name]),
                    "yes",
                ]
            )
        files.append(buffer.getvalue())
    return files


def session_csv_import(admin: Any, rows: int) -> dict[str, Any]:
    """Import ``rows`` sessions through ``participation.services.sessions_import``, every row
    validated, as an administrator: one import of each file of at most ``MAX_ROWS``."""
    import io

    from heard.participation import importers, services

    files = session_csv_files(rows)
    started = time.perf_counter()
    created = 0
    problems: list[Any] = []
    for text in files:
        result = services.sessions_import(actor=admin, file=io.StringIO(text), dry_run=False)
        if result.errors:
            problems.extend(result.errors[:5])
            break
        created += result.imported
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "files": len(files),
        "rows_per_file_limit": importers.MAX_ROWS,
        "created": created,
        "seconds": round(seconds, 2),
        "errors": [list(map(str, problem)) for problem in problems],
        "ok": not problems and created == rows and seconds < TARGET_SESSION_IMPORT_S,
    }


# Reporting ----------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = 0.0
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory_gb = round(kib / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return {
        "host": platform.node(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def budget_text(floor_throughput: float, cores: int) -> str:
    """What the mixed workload's targets leave each request of CPU on these cores."""
    share = floor_throughput * TARGET_MIXED_SHARE
    needed = 32 * 1000 / TARGET_MIXED_P95_MS
    return (
        f"CPU budget a request on {cores} cores: {TARGET_MIXED_SHARE:.0%} of the floor's "
        f"throughput is {share:,.0f} req/s, {cores * 1000 / share:.2f} ms of CPU a request; a "
        f"p95 under {TARGET_MIXED_P95_MS:.0f} ms with 32 clients needs at least {needed:.0f} "
        f"req/s, {cores * 1000 / needed:.1f} ms a request."
    )


def table(results: dict[str, Any]) -> str:
    lines = []
    lines.append(
        f"Heard benchmark {results['date']} on {results['machine']['cpu']} "
        f"({results['machine']['cores']} cores, {results['machine']['memory_gb']} GB), "
        f"{results['scale']}, {results['workers']} gunicorn workers"
    )
    lines.append("")
    lines.append("| measure | median ms | p95 ms | queries (twin) | target | verdict |")
    lines.append("| --- | ---: | ---: | ---: | --- | --- |")
    for row in results["endpoints"]:
        queries = f"{row['queries']}" + (
            f" ({row['queries_twin']})" if row["queries_twin"] is not None else ""
        )
        lines.append(
            f"| {row['name']} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {queries} | "
            f"p95 {target_text(row.get('limit_ms', TARGET_P95_MS))}, fixed | "
            f"{verdict(row['ok'])} |"
        )
    floor = results["framework_floor"]
    lines.append(
        f"| framework floor (1 client) | {floor['single']['p50_ms']:.1f} | "
        f"{floor['single']['p95_ms']:.1f} | 0 | reference | - |"
    )
    lines.append("")
    lines.append(
        "| aggregate | in Heard ms | SQL floor ms | ratio | over HTTP p95 ms | target | verdict |"
    )
    lines.append("| --- | ---: | ---: | ---: | ---: | --- | --- |")
    for name in AGGREGATES:
        agg = results.get(name)
        if agg is None:
            continue
        lines.append(
            f"| {name.replace('_', ' ')}, whole partnership ({agg['queries']} queries) | "
            f"{agg['selector_ms']:.1f} | {agg['sql_floor_ms']:.1f} | {agg['ratio']} | "
            f"{agg['http_p95_ms']:.1f} | "
            f"<= {TARGET_AGGREGATE_RATIO}x floor, < {TARGET_AGGREGATE_MS:.0f} ms | "
            f"{verdict(agg['ok'])} |"
        )
    mixed = results["mixed"]
    lines.append("")
    lines.append(
        "| workload (32 clients) | req/s | p50 ms | p95 ms | errors | share of floor | target "
        "| verdict |"
    )
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    lines.append(
        f"| framework floor | {floor['loaded']['throughput']:.0f} | "
        f"{floor['loaded']['p50_ms']:.1f} | "
        f"{floor['loaded']['p95_ms']:.1f} | {floor['loaded']['errors']} | 100% | reference | - |"
    )
    lines.append(
        f"| mixed 80% reads / 20% writes | {mixed['throughput']:.0f} | {mixed['p50_ms']:.1f} | "
        f"{mixed['p95_ms']:.1f} | {mixed['errors']} | {mixed['share_of_floor']:.1%} | "
        f">= {TARGET_MIXED_SHARE:.0%}, p95 < {TARGET_MIXED_P95_MS:.0f}, no errors | "
        f"{verdict(mixed['ok'])} |"
    )
    light = results.get("lightest_read")
    if light:
        lines.append(
            f"| lightest read of the mix alone (`{light['path']}`) | {light['throughput']:.0f} | "
            f"{light['p50_ms']:.1f} | {light['p95_ms']:.1f} | {light['errors']} | "
            f"{light['throughput'] / floor['loaded']['throughput']:.1%} | reference | - |"
        )
    if "cpu" in mixed and "cpu" in floor:
        cores = results["machine"]["cores"]
        lines.append("")
        lines.append(
            "| CPU under the 32 clients | Heard workers s | PostgreSQL s | CPU ms a request "
            f"| most req/s on {cores} cores | machine busy | busiest worker's share |"
        )
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        loads = [("framework floor", floor["cpu"])]
        if light:
            loads.append(("lightest read of the mix alone", light["cpu"]))
        loads.append(("mixed workload", mixed["cpu"]))
        for label, cpu in loads:
            lines.append(
                f"| {label} | {cpu['heard_cpu_s']:.1f} | {cpu['postgres_cpu_s']:.1f} | "
                f"{cpu['cpu_ms_per_request']:.2f} | {cpu['ceiling_per_s']:,.0f} | "
                f"{cpu['machine_busy']:.0%} | {cpu.get('busiest_worker_share', 0):.0%} |"
            )
        lines.append("")
        lines.append(budget_text(floor["loaded"]["throughput"], cores))
    if "reports" in results:
        lines.append("")
        lines.extend(report_table(results["reports"]))
    imp = results["csv_import"]
    lines.append("")
    lines.append("| bulk | result | target | verdict |")
    lines.append("| --- | --- | --- | --- |")
    lines.append(
        f"| CSV import, {imp['rows']:,} young people ({imp['files']} files of at most "
        f"{imp['rows_per_file_limit']:,}) | {imp['created']:,} created in {imp['seconds']} s"
        f"{' ERRORS ' + str(imp['errors']) if imp['errors'] else ''} | < {TARGET_IMPORT_S:.0f} s | "
        f"{verdict(imp['ok'])} |"
    )
    sessions = results.get("session_import")
    if sessions:
        lines.append(
            f"| CSV import, {sessions['rows']:,} sessions ({sessions['files']} files of at most "
            f"{sessions['rows_per_file_limit']:,}) | {sessions['created']:,} created in "
            f"{sessions['seconds']} s"
            f"{' ERRORS ' + str(sessions['errors']) if sessions['errors'] else ''} | "
            f"< {TARGET_SESSION_IMPORT_S:.0f} s | {verdict(sessions['ok'])} |"
        )
    if "csv_export_job" in results:
        lines.extend(export_job_rows(results["csv_export_job"]))
    lines.append(
        f"| worker memory under the mixed load | peak RSS {results['worker_peak_rss_mb']:.0f} MB | "
        "reported | - |"
    )
    if results.get("worker_timeouts"):
        lines.append("")
        lines.append(f"gunicorn WORKER TIMEOUT lines in the log: {results['worker_timeouts']}")
    return "\n".join(lines)


def export_job_rows(exp: dict[str, Any]) -> list[str]:
    """The table's rows for the CSV export of every session as a job (bench/export_job.py)."""
    import export_job

    failed = f", {exp['error'].upper()}" if exp["error"] else ""
    return [
        f"| CSV export of all sessions as a job: the request (status {exp['status']}) | "
        f"{exp['request_ms']} ms | < {export_job.TARGET_REQUEST_MS:.0f} ms | "
        f"{verdict(exp['status'] == 303 and exp['request_ms'] < export_job.TARGET_REQUEST_MS)} |",
        f"| CSV export of all sessions as a job: the file, {exp['rows']:,} of "
        f"{exp['expected_rows']:,} sessions ({exp['megabytes']} MB{failed}) | ready in "
        f"{exp['ready_seconds']} s (page showed {len(exp['progress_seen'])} steps of progress), "
        f"downloaded in {exp['download_seconds']} s, job worker RSS "
        f"{exp['job_worker_rss_before_mb']} -> peak {exp['job_worker_peak_rss_mb']} MB | "
        f"all rows, peak < {TARGET_EXPORT_MB:.0f} MB | {verdict(exp['ok'])} |",
    ]


def report_rows(runs: int) -> dict[str, Any]:
    """The quarterly report's page and PDF, timed by ``bench/reports.py`` (its ``measure``)."""
    import reports  # bench/reports.py, beside this file

    return reports.measure(runs)


def report_table(result: dict[str, Any]) -> list[str]:
    lines = [
        "| report (in-process, test client) | median s | slowest s | queries | target | verdict |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for name, label in (("page", "web page"), ("pdf", "tagged PDF")):
        row = result[name]
        lines.append(
            f"| {result['report']}: {label} | {row['median_s']:.2f} | {row['max_s']:.2f} | "
            f"{row.get('queries', '-')} | < {row['target_s']:.0f} s | {verdict(row['ok'])} |"
        )
    return lines


def update_readme(text: str) -> None:
    start, end = "<!-- latest-results:start -->", "<!-- latest-results:end -->"
    for readme in READMES:
        if not readme.exists():
            continue
        content = readme.read_text()
        if start not in content or end not in content:
            continue
        before, rest = content.split(start, 1)
        _, after = rest.split(end, 1)
        readme.write_text(f"{before}{start}\n{text}\n{end}{after}")


# Main ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="The benchmark's own database (BENCH_DATABASE_URL; never DATABASE_URL, so a "
        "developer's database is not used by accident).",
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8765")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "3")))
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "national"))
    parser.add_argument(
        "--seconds",
        type=int,
        default=int(os.environ.get("BENCH_SECONDS", "5")),
        help="Duration of each page's measurement (the mixed workload runs 6 times as long).",
    )
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--session-import-rows", type=int, default=10_000)
    parser.add_argument(
        "--report-runs", type=int, default=5, help="Timed runs of the report's page and PDF."
    )
    parser.add_argument(
        "--no-readme", action="store_true", help="Do not update bench/README.md and README.md."
    )
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("The benchmark runs against PostgreSQL: set DATABASE_URL=postgres://...")
    if not re.match(r"^postgres(ql)?://[^/]*(127\.0\.0\.1|localhost)[:/]", args.database_url):
        raise SystemExit("The benchmark only runs against a database on loopback (127.0.0.1).")
    if args.port == 8000:
        raise SystemExit("Port 8000 is for `make run`: choose another with BENCH_PORT.")
    if shutil.which("wrk") is None:
        raise SystemExit("The benchmark needs wrk: install it (apt-get install wrk) and try again.")

    env = environment(args)
    ensure_database(args.database_url)
    log("migrating and collecting static files")
    heard(env, "migrate", "--noinput", "-v0")
    heard(env, "collectstatic", "--noinput", "-v0")
    django_setup(env)
    from django.utils import timezone

    from heard.demo import generator

    found = generator.marker()
    load_seconds = None
    current = (
        found is not None
        and f"scale={args.scale} " in found
        and f"version={generator.VERSION}" in found.split()
    )
    if not current:
        log(
            f"no {args.scale} data of generator version {generator.VERSION} yet "
            f"({found or 'no marker'}): generating it (kept for later runs)"
        )
        started = time.perf_counter()
        # Only data the generator made (its marker says so) is replaced; any other data in the
        # database makes `generate` refuse, and the benchmark stops.
        heard(env, "generate", "--scale", args.scale, *(["--force"] if found else []))
        load_seconds = round(time.perf_counter() - started, 1)
        found = generator.marker()
    log(f"data: {found}")
    removed = cleanup()
    if any(removed.values()):
        log(f"removed rows left by an earlier run: {removed}")
    today = timezone.localdate()
    fixture = prepare(today)
    results: dict[str, Any] = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "scale": found,
        "generate_seconds": load_seconds,
        "workers": args.workers,
        "seconds_per_measure": args.seconds,
    }
    all_endpoints = endpoints(fixture)
    log("counting queries per request in-process (Django test client)")
    query_counts = {endpoint.name: count_queries(endpoint, fixture) for endpoint in all_endpoints}

    log("the quarterly report for the whole partnership, page and PDF, in-process")
    results["reports"] = report_rows(args.report_runs)

    log(f"starting gunicorn on {HOST}:{args.port} with {args.workers} workers")
    server = Server(env, args.port, args.workers)
    try:
        log("warming up")
        for endpoint in all_endpoints:
            request("GET", args.port, endpoint.path, headers_for(endpoint, fixture))
        request("GET", args.port, "/bench/floor/")

        rows = []
        for endpoint in all_endpoints:
            headers = headers_for(endpoint, fixture)
            load = measure(args.port, endpoint.path, args.seconds, headers)
            queries, twin, status = query_counts[endpoint.name]
            fixed = twin is None or twin == queries
            ok = load.errors == 0 and load.p95_ms <= endpoint.limit_ms and fixed and status == 200
            rows.append(
                {
                    "name": endpoint.name,
                    "path": endpoint.path,
                    "role": endpoint.role,
                    "status": status,
                    "requests": load.requests,
                    "errors": load.errors,
                    "p50_ms": load.p50_ms,
                    "p95_ms": load.p95_ms,
                    "queries": queries,
                    "queries_twin": twin,
                    "limit_ms": endpoint.limit_ms,
                    "ok": ok,
                }
            )
            log(
                f"{endpoint.name}: p50 {load.p50_ms:.1f} ms, p95 {load.p95_ms:.1f} ms, "
                f"{queries} queries"
            )
        results["endpoints"] = rows

        for name, (endpoint_name, _) in aggregates(fixture).items():
            log(f"{name.replace('_', ' ')} against their SQL floor")
            agg = aggregate_floor(fixture, args.database_url, repeats=9, name=name)
            http_row = next(row for row in rows if row["name"] == endpoint_name)
            agg["http_p95_ms"] = http_row["p95_ms"]
            ratio = agg["ratio"]
            agg["ok"] = (
                isinstance(ratio, float)
                and ratio <= TARGET_AGGREGATE_RATIO
                and http_row["p95_ms"] < TARGET_AGGREGATE_MS
            )
            results[name] = agg

        log("framework floor")
        single = wrk(args.port, "/bench/floor/", seconds=args.seconds)
        cores = os.cpu_count() or 1
        with CpuMeter(server) as floor_cpu:
            loaded = wrk(
                args.port, "/bench/floor/", seconds=args.seconds * 3, connections=32, threads=2
            )
        results["framework_floor"] = {
            "single": single.__dict__,
            "loaded": {**loaded.__dict__, "throughput": round(loaded.throughput, 1)},
            "cpu": floor_cpu.per_request(loaded.requests, cores),
        }

        path, headers = lightest_read(fixture)
        log(f"the lightest read of the mix alone, 32 clients: {path}")
        with CpuMeter(server) as light_cpu:
            light = wrk(
                args.port,
                path,
                seconds=args.seconds * 3,
                connections=32,
                threads=2,
                headers=headers,
            )
        results["lightest_read"] = {
            **light.__dict__,
            "path": path,
            "throughput": round(light.throughput, 1),
            "cpu": light_cpu.per_request(light.requests, cores),
        }

        log("mixed workload: 32 clients, 80% reads, 20% writes")
        with MemorySampler(server) as sampler, CpuMeter(server) as mixed_cpu:
            mixed = wrk(
                args.port,
                "/",
                seconds=args.seconds * 6,
                connections=32,
                threads=2,
                script=mixed_script(fixture),
            )
        share = mixed.throughput / loaded.throughput if loaded.throughput else 0.0
        results["mixed"] = {
            **mixed.__dict__,
            "throughput": round(mixed.throughput, 1),
            "share_of_floor": round(share, 4),
            "cpu": mixed_cpu.per_request(mixed.requests, cores),
            "ok": share >= TARGET_MIXED_SHARE
            and mixed.p95_ms < TARGET_MIXED_P95_MS
            and mixed.errors == 0,
        }
        results["worker_peak_rss_mb"] = round(sampler.peak, 1)

        log(
            f"CSV import of {args.import_rows:,} young people (people.services.young_people_import)"
        )
        imp = csv_import(fixture, args.import_rows)
        imp["ok"] = (
            not imp["errors"]
            and imp["created"] == args.import_rows
            and imp["seconds"] < TARGET_IMPORT_S
        )
        results["csv_import"] = imp

        log(
            f"CSV import of {args.session_import_rows:,} sessions "
            "(participation.services.sessions_import)"
        )
        results["session_import"] = session_csv_import(
            fixture.users["administrator"], args.session_import_rows
        )

        log("CSV export of every session, as a background job (heard.jobs)")
        import export_job  # bench/export_job.py, beside this file

        from heard.core.roles import Role

        exp = export_job.measure(
            HOST,
            server.port,
            fixture.cookies[Role.ADMINISTRATOR],
            job_workers=server.job_workers,
            rss_mb=rss_mb,
        )
        from heard.participation.models import Session

        expected = Session.objects.count()
        exp["expected_rows"] = expected
        exp["ok"] = (
            exp["status"] == 303
            and exp["request_ms"] < export_job.TARGET_REQUEST_MS
            and not exp["error"]
            and exp["rows"] >= expected
            and exp["job_worker_peak_rss_mb"] < TARGET_EXPORT_MB
        )
        results["csv_export_job"] = exp
        results["worker_timeouts"] = server.worker_timeouts()
    finally:
        server.stop()
        removed = cleanup()
        log(f"removed this run's writes: {removed}")

    text = table(results)
    print()
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    # Date and time: a second run on the same day keeps the first one's numbers.
    path = RESULTS / f"{datetime.datetime.now().astimezone():%Y-%m-%dT%H%M}.json"
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    log(f"wrote {path.relative_to(ROOT)}")
    if not args.no_readme:
        update_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
