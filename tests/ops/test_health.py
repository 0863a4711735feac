"""The health endpoints (heard.core.health): /health/live/ reaches nothing; /health/ready/ checks
every database, cache, the default storage and the job queue, 200 or 503, JSON, no sign-in.

The queue's RQ check runs against a real Redis started on loopback (skipped without
``redis-server``); an outage is a closed port or a storage that cannot write, never a mock."""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse

from heard.core import health

#: Every test here runs transactionally (some commit for real): a file whose tests mix plain and
#: transactional database access would flush the seeded rows (methods, standards) before other
#: files' tests on the same xdist worker (make test distributes whole files, in pytest-django's
#: order: plain database tests first, then transactional ones).
pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(  # noqa: S603
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _rq(settings, url: str) -> None:
    settings.RQ_QUEUES = {"default": {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


@pytest.fixture
def db_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def test_live_reaches_nothing_and_needs_no_sign_in(client, settings):
    # No database here (a query would raise), and nothing listens for the queue: still alive.
    _rq(settings, f"redis://127.0.0.1:{_free_port()}/0")
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {}}
    assert "no-cache" in response["Cache-Control"]


def test_ready_checks_database_cache_storage_and_the_database_queue(client, db_queue):
    response = client.get(reverse("health:ready"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"},
    }


def test_ready_pings_the_redis_of_an_rq_queue(client, settings, redis_url):
    _rq(settings, redis_url)
    response = client.get("/health/ready/")
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["queue"] == "ok"


def test_ready_is_503_when_the_queue_cannot_be_reached(client, settings, caplog):
    _rq(settings, f"redis://127.0.0.1:{_free_port()}/0")
    response = client.get("/health/ready/")
    # The failed check is a warning; no error a probe makes every few seconds (nor a Sentry event).
    assert [(r.name, r.levelname) for r in caplog.records if r.levelno >= logging.WARNING] == [
        ("health_check", "WARNING")
    ]
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "queue": "unavailable",
    }
    # Why is logged, not answered: no address, port or error text in the answer.
    assert "127.0.0.1" not in response.content.decode()


def test_ready_is_503_when_the_cache_or_storage_fails(client, settings, tmp_path, db_queue):
    settings.CACHES = {
        **settings.CACHES,
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_free_port()}/0",
        },
    }
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(not_a_directory)},
        },
    }
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "cache:redis": "unavailable",
        "storage": "unavailable",
        "queue": "ok",
    }


def test_a_missing_task_backend_is_unavailable(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    health.Queue(alias="default").run()  # runs in the process: nothing to reach
    with pytest.raises(health.ServiceUnavailable, match="does not exist"):
        health.Queue(alias="elsewhere").run()


def test_health_answers_without_redirecting_to_https(client, settings, db_queue):
    settings.SECURE_SSL_REDIRECT = True
    for url in ("/health/live/", "/health/ready/"):
        assert client.get(url).status_code == 200, url
    assert client.get("/sign-in/").status_code == 301


def test_health_needs_an_allowed_host(client):
    assert client.get("/health/live/", HTTP_HOST="lb.internal").status_code == 400


def test_health_answers_only_reads(client):
    assert client.post("/health/live/").status_code == 405


def test_the_storage_check_leaves_no_file(client, settings, tmp_path, db):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }
    health.Storage(alias="default").run()
    assert [path for path in Path(tmp_path / "files").rglob("*") if path.is_file()] == []
