"""Heard served for real, as ``make run`` serves it: gunicorn with ``gunicorn.conf.py`` on a free
loopback port, against a database of the test's own (a temporary SQLite file, or a PostgreSQL
server the test started). For the tests that load the server with concurrent writers
(``test_concurrent_writes.py``, ``test_database_restart.py``): nothing here uses Django in the
test's own process, every database step runs through the ``heard`` command."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
PASSWORD = "correct horse battery staple"  # noqa: S105 - a throwaway test account


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def environment(database_url: str, var_dir: Path) -> dict[str, str]:
    """The server's environment: production settings on the given database. HEARD_TESTING only
    serves static files without the collected manifest and hashes passwords fast."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_URL", "PYTEST", "HEARD_", "DJANGO_"))
    }
    return env | {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "heard.config.settings",
        "HEARD_VAR_DIR": str(var_dir),
        "HEARD_TESTING": "1",
        "SECRET_KEY": "served-test-secret-key-not-for-production-" + "x" * 20,
        "LOG_LEVEL": "WARNING",
    }


def heard(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """Run a ``heard`` command; its output, or the test fails with what it printed."""
    done = subprocess.run(  # noqa: S603
        [str(BIN / "heard"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise AssertionError(f"heard {args[0]} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


def heard_python(env: dict[str, str], code: str) -> Any:
    """Run ``code`` in ``heard shell``; it prints one JSON line last, which is returned."""
    output = heard(env, "shell", "--no-imports", "-c", code)
    return json.loads(output.strip().splitlines()[-1])


#: A participation lead with an API token, an organisation for the young people they add, and a
#: training record that every writer changes (one hot row), made through the services.
SETUP = f"""
import datetime, json
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from heard.core.roles import Role
from heard.people import services as people
from heard.safeguarding import services as safeguarding
organisation = people.organisation_create(actor=None, name="Riverside Youth Project")
lead = people.staff_create(
    actor=None, email="lead@served.test", full_name="Pat Lead", role=Role.PARTICIPATION_LEAD,
    password={PASSWORD!r},
)
call_command("drf_create_token", lead.email, verbosity=0)
record = safeguarding.training_record_add(
    actor=None, staff=lead, course="Safeguarding level 1", completed_on=datetime.date(2026, 1, 5)
)
print(json.dumps({{
    "token": Token.objects.get(user=lead).key, "organisation": organisation.pk,
    "training_record": record.pk,
}}))
"""

#: What the writers left: the young people, and the audit entries of their creation and of the
#: training record's changes.
COUNTS = """
import json
from heard.core.models import AuditEntry
from heard.people.models import YoungPerson
from heard.safeguarding.models import TrainingRecord
def entries(model, action):
    return AuditEntry.objects.filter(object_type=model._meta.label_lower, action=action)
print(json.dumps({
    "young_people": sorted(YoungPerson.objects.values_list("first_name", flat=True)),
    "young_people_created": entries(YoungPerson, AuditEntry.Action.CREATE).count(),
    "training_courses": sorted(
        entry.changes["course"][1]
        for entry in entries(TrainingRecord, AuditEntry.Action.UPDATE)
    ),
}))
"""


def prepare(env: dict[str, str]) -> dict[str, Any]:
    heard(env, "migrate", "--noinput")
    heard(env, "createcachetable")
    return heard_python(env, SETUP)


class Server:
    """gunicorn with ``gunicorn.conf.py``, the command line of ``make run``, on another port."""

    def __init__(self, env: dict[str, str], *, workers: int = 3, threads: int = 4) -> None:
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w+", prefix="heard-served-", suffix=".log"
        )
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "heard.config.wsgi:application",
            ],
            env=env
            | {"HOST": HOST, "PORT": str(self.port), "WORKERS": str(workers)}
            | {"THREADS": str(threads)},
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn stopped:\n{self.log_text()[-3000:]}")
            with contextlib.suppress(OSError):
                if self.request("GET", "/healthz").status == 200 and self.workers() >= workers:
                    return
            time.sleep(0.2)
        self.stop()
        raise AssertionError("gunicorn did not answer /healthz within 60 s")

    def workers(self) -> int:
        pid = self.process.pid
        with contextlib.suppress(OSError):
            return len(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
        return 0

    def request(
        self,
        method: str,
        path: str,
        *,
        token: str = "",
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> Answer:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            sent = {"Host": f"{HOST}:{self.port}"} | (headers or {})
            if token:
                sent["Authorization"] = f"Token {token}"
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                sent["Content-Type"] = "application/json"
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            return Answer(
                response.status, response.read().decode(errors="replace"), dict(response.headers)
            )
        finally:
            connection.close()

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

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.log.close()


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Write:
    """One write as a writer sent it, and what came back (status 0: no answer at all)."""

    writer: int
    index: int
    method: str
    path: str
    body: dict[str, Any]
    status: int = 0
    answer: str = ""
    content_type: str = ""
    started: float = 0.0
    finished: float = 0.0


def young_person(writer: int, index: int, organisation: int) -> dict[str, Any]:
    # A first name of its own: the register's duplicate check never asks to confirm.
    return {
        "first_name": f"Writer{writer}No{index}",
        "age_band": "14_15",
        "organisation": organisation,
    }


def mixed_writes(setup: dict[str, Any]) -> Callable[[int, int], tuple[str, str, dict[str, Any]]]:
    """Every other write adds a young person; the others change the one training record."""

    def write(writer: int, index: int) -> tuple[str, str, dict[str, Any]]:
        if index % 2 == 0:
            body = young_person(writer, index, setup["organisation"])
            return "POST", "/api/v1/young-people/", body
        return (
            "PATCH",
            f"/api/v1/training-records/{setup['training_record']}/",
            {"course": f"Course of writer {writer} number {index}"},
        )

    return write


def run_writers(
    server: Server,
    token: str,
    plan: Callable[[int, int], tuple[str, str, dict[str, Any]]],
    *,
    writers: int,
    writes: int,
    pause: float = 0.0,
    stop: threading.Event | None = None,
    headers: dict[str, str] | None = None,
) -> list[Write]:
    """``writers`` threads each send ``writes`` writes one after another (a new connection each,
    as gunicorn closes them); every write is kept with its answer."""
    done: list[list[Write]] = [[] for _ in range(writers)]

    def work(writer: int) -> None:
        for index in range(writes):
            if stop is not None and stop.is_set():
                return
            method, path, body = plan(writer, index)
            write = Write(writer, index, method, path, body, started=time.monotonic())
            try:
                answer = server.request(
                    method, path, token=token, body=body or None, headers=headers
                )
            except OSError as exc:
                write.answer = f"{type(exc).__name__}: {exc}"
            else:
                write.status, write.answer = answer.status, answer.body
                write.content_type = answer.headers.get("Content-Type", "")
            write.finished = time.monotonic()
            done[writer].append(write)
            if pause:
                time.sleep(pause)

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [write for writes_of_one in done for write in writes_of_one]


@contextlib.contextmanager
def timed(label: str) -> Iterator[dict[str, float]]:
    measured: dict[str, float] = {}
    started = time.monotonic()
    try:
        yield measured
    finally:
        measured["seconds"] = time.monotonic() - started
        print(f"{label}: {measured['seconds']:.1f} s")  # noqa: T201 - the test's measurement


def kill_when(env: dict[str, str], code: str, marker: str, *, timeout: float = 120) -> str:
    """Run ``code`` in ``heard shell`` and SIGKILL it as soon as it prints a line starting with
    ``marker`` (it then waits, mid-transaction, for the kill). Returns that line."""
    process = subprocess.Popen(  # noqa: S603
        [str(BIN / "heard"), "shell", "--no-imports", "-c", code],
        env=env | {"PYTHONUNBUFFERED": "1"},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    seen: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            seen.append(line)
            if line.startswith(marker):
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                return line.strip()
        process.wait()
        raise AssertionError(
            f"it ended (status {process.returncode}) before {marker!r}:\n{''.join(seen)[-3000:]}"
        )
    finally:
        timer.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
