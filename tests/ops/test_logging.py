"""Log lines (heard.core.logging, heard.config.parts.operations): JSON by default, plain on
request, each with its request's id, and never a child's name, whatever a request carried.

The logging configuration the settings build is applied for real (``dictConfig``), writing to a
buffer; the requests go through the whole middleware stack."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from heard.config.parts import operations
from heard.core.logging import WITHHELD, NoQueryStrings, traceback_without_messages
from tests import factories

NAME = "Tallulah Fairweather-Quist"
FIRST, LAST = NAME.split(" ", 1)
view_logger = logging.getLogger("heard.tests.ops")


def failing_view(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name") or request.GET.get("name")
    view_logger.warning("Could not find the record asked for")
    raise ValueError(f"could not save the record of {name}")


urlpatterns = [
    path("failing/", failing_view),
    path("", include("heard.config.urls")),
]


def _apply(log_format: str) -> io.StringIO:
    buffer = io.StringIO()
    config = operations.logging_config(django_settings.LOGGING, {"LOG_FORMAT": log_format})
    config["handlers"]["console"]["stream"] = buffer
    logging.config.dictConfig(config)
    return buffer


@pytest.fixture
def logs(request) -> Iterator[io.StringIO]:
    buffer = _apply(request.param)
    try:
        yield buffer
    finally:
        logging.config.dictConfig(django_settings.LOGGING)


def _requests(officer, settings) -> list[HttpResponse]:
    """Requests carrying the name in a query string, a form body and an exception's message:
    a search, a page not found (a warning), a form refused (CSRF, a warning), a view that fails
    (an error, and the view's own warning)."""
    settings.ROOT_URLCONF = __name__
    factories.YoungPersonFactory(first_name=FIRST, last_name=LAST)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(officer)
    anyone = Client(enforce_csrf_checks=True, raise_request_exception=False)
    responses = [
        signed_in.get("/people/young-people/", {"q": NAME}),
        signed_in.get("/people/young-people/no-such-page/", {"name": NAME}),
        anyone.post("/sign-in/", {"username": NAME, "password": NAME}),
        signed_in.post(f"/failing/?name={FIRST}", {"name": NAME}),
    ]
    assert [response.status_code for response in responses] == [200, 404, 403, 500]
    return responses


@pytest.mark.parametrize("logs", ["json"], indirect=True)
def test_json_lines_with_request_ids_and_no_names(logs, officer, settings):
    responses = _requests(officer, settings)
    lines = logs.getvalue().splitlines()
    assert lines, "nothing was logged"
    records = [json.loads(line) for line in lines]  # every line is JSON
    for record in records:
        assert set(record) >= {"time", "level", "logger", "message", "request_id"}
        assert set(record) <= {"time", "level", "logger", "message", "request_id", "exc_info"}
    text = logs.getvalue()
    for part in (NAME, FIRST, LAST, json.dumps(NAME)[1:-1]):
        assert part not in text
    by_level = {(record["logger"], record["level"]): record for record in records}
    # A page not found is not logged (django.request logs errors only: settings.LOGGING).
    assert ("django.request", "WARNING") not in by_level
    assert (
        by_level[("django.security.csrf", "WARNING")]["request_id"] == responses[2]["X-Request-ID"]
    )
    error = by_level[("django.request", "ERROR")]
    assert error["message"] == "Internal Server Error: /failing/"
    assert error["request_id"] == responses[3]["X-Request-ID"]
    assert "ValueError" in error["exc_info"] and WITHHELD in error["exc_info"]
    assert "failing_view" in error["exc_info"]  # the traceback is kept
    assert by_level[("heard.tests.ops", "WARNING")]["request_id"] == responses[3]["X-Request-ID"]
    # Four requests, four ids, each a new one.
    assert len({response["X-Request-ID"] for response in responses}) == 4
    assert all(re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"]) for response in responses)


@pytest.mark.parametrize("logs", ["plain"], indirect=True)
def test_plain_lines_for_a_developer_have_the_request_id_and_no_names(logs, officer, settings):
    responses = _requests(officer, settings)
    text = logs.getvalue()
    assert NAME not in text and FIRST not in text and LAST not in text
    assert f"ERROR django.request [{responses[3]['X-Request-ID']}] Internal Server Error" in text
    assert WITHHELD in text
    for line in text.splitlines():
        if re.match(r"\d{4}-\d\d-\d\d ", line):  # a record's first line (not its traceback)
            assert re.search(r" \[([0-9a-f]{32}|none)\] ", line), line


@pytest.mark.parametrize("logs", ["json"], indirect=True)
def test_a_line_outside_a_request_has_no_request_id(logs):
    logging.getLogger("heard.tests.ops").warning("outside", extra={"young_person": NAME})
    (record,) = [json.loads(line) for line in logs.getvalue().splitlines()]
    assert record["request_id"] == "none" and record["message"] == "outside"
    assert NAME not in logs.getvalue()  # ``extra`` fields are not written


def test_a_request_id_from_a_client_is_ignored_and_from_a_trusted_proxy_kept(client, settings, db):
    given = "lb-7f3a9c.2"
    assert client.get("/health/live/", HTTP_X_REQUEST_ID=given)["X-Request-ID"] != given
    settings.LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
    assert client.get("/health/live/", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    for unsafe in (NAME, "id\nforged line", "x" * 200):
        answered = client.get("/health/live/", HTTP_X_REQUEST_ID=unsafe)["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", answered)


def test_the_request_id_header_is_trusted_only_behind_proxies():
    def configured(count: int) -> dict:
        namespace = {"MIDDLEWARE": ["a"], "HEARD_TRUSTED_PROXY_COUNT": count, "LOGGING": {}}
        operations.configure(namespace, {})
        return namespace

    assert configured(0)["LOG_REQUEST_ID_HEADER"] is None
    behind = configured(2)
    assert behind["LOG_REQUEST_ID_HEADER"] == "HTTP_X_REQUEST_ID"
    assert behind["MIDDLEWARE"] == ["heard.core.logging.RequestIdMiddleware", "a"]
    assert behind["REQUEST_ID_RESPONSE_HEADER"] == "X-Request-ID"
    assert behind["SECURE_REDIRECT_EXEMPT"] == [r"^health/"]
    again = {**behind, "MIDDLEWARE": list(behind["MIDDLEWARE"])}
    operations.configure(again, {})
    assert again["MIDDLEWARE"].count("heard.core.logging.RequestIdMiddleware") == 1


def test_log_format_is_json_by_default_plain_on_request_and_nothing_else():
    base = {"loggers": {"axes": {"level": "WARNING"}}}
    assert operations.logging_config(base, {})["handlers"]["console"]["formatter"] == "json"
    plain = operations.logging_config(base, {"LOG_FORMAT": " Plain ", "LOG_LEVEL": "DEBUG"})
    assert plain["handlers"]["console"]["formatter"] == "plain"
    assert plain["root"]["level"] == "DEBUG"
    assert plain["loggers"]["axes"] == {"level": "WARNING"}
    # Django's own handlers (email to ADMINS with the request's data) are not used.
    assert plain["loggers"]["django"]["handlers"] == []
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        operations.logging_config(base, {"LOG_FORMAT": "xml"})


def test_the_development_servers_request_lines_lose_their_query_strings():
    record = logging.LogRecord(
        "django.server", logging.WARNING, __file__, 1, '"%s" %s %s',
        (f"GET /people/young-people/?q={FIRST} HTTP/1.1", "404", "179"), None,
    )  # fmt: skip
    assert NoQueryStrings().filter(record)
    assert record.getMessage() == '"GET /people/young-people/ HTTP/1.1" 404 179'
    other = logging.LogRecord("heard", logging.INFO, __file__, 1, "%s", ("a?b",), None)
    assert NoQueryStrings().filter(other) and other.getMessage() == "a?b"


def test_chained_exceptions_and_notes_are_withheld_too():
    try:
        try:
            raise KeyError(NAME)
        except KeyError as error:
            error.add_note(f"while saving {NAME}")
            raise RuntimeError(f"{NAME} again") from error
    except RuntimeError as error:
        text = traceback_without_messages((RuntimeError, error, error.__traceback__))
    assert NAME not in text
    assert "KeyError" in text and "RuntimeError" in text and text.count(WITHHELD) == 2


def test_gunicorn_writes_json_access_lines_with_the_path_and_request_id_only(tmp_path):
    """gunicorn.conf.py with LOG_FORMAT=json, served for real on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        LOG_FORMAT="json", HEARD_VAR_DIR=str(tmp_path), HEARD_TESTING="1", PORT=str(port),
        WORKERS="1", THREADS="1", DJANGO_SETTINGS_MODULE="heard.config.settings",
        HEARD_JOB_WORKERS="0",  # no job worker: this database has no tables
    )  # fmt: skip
    root = Path(__file__).resolve().parents[2]
    (tmp_path / "static").mkdir()  # collected static files, as in production
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    with out.open("w") as stdout, err.open("w") as stderr:
        server = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py",
             "heard.config.wsgi:application"],
            cwd=root, env=env, stdout=stdout, stderr=stderr,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(  # noqa: S310 (loopback)
                        f"http://127.0.0.1:{port}/health/live/?q={FIRST}+{LAST}", timeout=5
                    ) as answer:
                        request_id = answer.headers["X-Request-ID"]
                    break
                except OSError:
                    assert server.poll() is None, err.read_text()
                    assert time.monotonic() < deadline, "gunicorn did not answer in 90 s"
                    time.sleep(0.2)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    access = [json.loads(line) for line in out.read_text().splitlines()]
    errors = [json.loads(line) for line in err.read_text().splitlines()]  # every line is JSON
    assert any(record["logger"] == "gunicorn.error" for record in errors)
    (line,) = [record for record in access if record["request_id"] == request_id]
    assert line["message"] == "GET /health/live/ 200"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/health/live/", "200")
    assert isinstance(line["duration_ms"], int)
    everything = out.read_text() + err.read_text()
    assert FIRST not in everything and LAST not in everything


def test_the_access_formatter_reads_gunicorns_atoms():
    from gunicorn.glogging import SafeAtoms

    from heard.core.logging import AccessJsonFormatter

    atoms = SafeAtoms(
        {"m": "GET", "U": "/people/", "q": f"q={FIRST}", "s": "200", "M": 12,
         "{x-request-id}o": "abc123"}
    )  # fmt: skip
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, '"%(m)s %(U)s" %(s)s', (atoms,), None
    )
    line = json.loads(AccessJsonFormatter().format(record))
    assert line["message"] == "GET /people/ 200" and line["request_id"] == "abc123"
    assert (line["path"], line["duration_ms"]) == ("/people/", 12)
    assert FIRST not in json.dumps(line)
    # gunicorn's own lines (no atoms) are plain JSON lines.
    other = logging.LogRecord("gunicorn.error", logging.INFO, __file__, 1, "Booting", None, None)
    assert json.loads(AccessJsonFormatter().format(other))["request_id"] == "none"


def test_a_stack_and_a_syntax_error_are_written_without_their_text():
    from heard.core.logging import JsonFormatter

    record = logging.LogRecord("heard", logging.INFO, __file__, 1, "here", None, None, sinfo="at")
    assert json.loads(JsonFormatter().format(record))["stack_info"] == "at"
    try:
        compile(f"{FIRST} = (", "<form>", "exec")
    except SyntaxError as error:
        text = traceback_without_messages((SyntaxError, error, error.__traceback__))
    assert FIRST not in text and "SyntaxError" in text
    loop = ValueError(NAME)
    loop.__context__ = loop  # a cycle, as code that re-raises carelessly makes
    assert NAME not in traceback_without_messages((ValueError, loop, None))
