"""Errors to Sentry (heard.config.parts.operations): with ``SENTRY_DSN`` set, an exception in a
view reaches Sentry's ingest as an envelope with no personal data in it.

A real HTTP server on loopback stands in for Sentry's ingest (DSN ``http://key@127.0.0.1:<port>/1``):
the SDK sends it what it would send sentry.io, and the test reads the envelopes it received."""

from __future__ import annotations

import gzip
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlencode

import pytest
import sentry_sdk
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from heard.config.parts import operations
from heard.people.models import YoungPerson

#: Every test here runs transactionally (some commit for real): a file whose tests mix plain and
#: transactional database access would flush the seeded rows (methods, standards) before other
#: files' tests on the same xdist worker (make test distributes whole files, in pytest-django's
#: order: plain database tests first, then transactional ones).
pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Ottoline Marchbanks"
FIRST, LAST = NAME.split(" ")


@csrf_exempt  # a form a program posts: the error, not CSRF, is under test
def failing_view(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name", "")  # a local variable holding the name
    YoungPerson.objects.filter(first_name=name).exists()  # a query with it as a parameter
    raise RuntimeError("the record could not be saved")


urlpatterns = [path("failing/", failing_view), path("", include("heard.config.urls"))]


class Ingest(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), IngestHandler)
        self.received: list[tuple[str, bytes]] = []
        self.arrived = threading.Event()


class IngestHandler(BaseHTTPRequestHandler):
    server: Ingest

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.server.received.append((self.path, body))
        self.server.arrived.set()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (its name)
        pass


@pytest.fixture
def ingest() -> Iterator[Ingest]:
    server = Ingest()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        client = sentry_sdk.get_client()
        client.close(timeout=2)
        sentry_sdk.get_global_scope().set_client(None)
        server.shutdown()
        server.server_close()


def _events(received: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
    events = []
    for _path, body in received:
        lines = body.split(b"\n")
        # An envelope: its header, then an item header and its payload, item after item.
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


def test_an_error_in_a_view_reaches_sentry_without_personal_data(ingest, settings, live_server):
    port = ingest.server_address[1]
    env = {
        "SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/1",
        "SENTRY_ENVIRONMENT": "staging",
        "SENTRY_RELEASE": "heard@2026.12.1",
    }
    operations.configure({"MIDDLEWARE": [], "LOGGING": {}}, env)  # initialises the SDK
    settings.ROOT_URLCONF = __name__
    # Through a real WSGI server (as gunicorn serves Heard), which the SDK wraps.
    request = urllib.request.Request(  # noqa: S310 (loopback)
        f"{live_server.url}/failing/?name={FIRST}&surname={LAST}",
        data=urlencode({"name": NAME}).encode(),
        headers={
            "Referer": f"{live_server.url}/people/?q={FIRST}",
            "Cookie": f"tracking={FIRST}_{LAST}",
            "User-Agent": "heard-test",
        },
    )
    with pytest.raises(urllib.error.HTTPError) as failed:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 (loopback)
    assert failed.value.code == 500
    request_id = failed.value.headers["X-Request-ID"]
    sentry_sdk.flush(timeout=10)
    assert ingest.arrived.wait(10), "nothing reached the ingest server"

    assert all(path == "/api/1/envelope/" for path, _ in ingest.received)
    raw = b"".join(body for _, body in ingest.received)
    for part in (NAME, FIRST, LAST):
        assert part.encode() not in raw, part

    (event,) = _events(ingest.received)
    (exception,) = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "the record could not be saved"
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])
    assert event["request"]["method"] == "POST"
    assert event["request"]["url"] == f"{live_server.url}/failing/"
    assert set(event["request"]) == {"method", "url", "headers"}
    assert event["request"]["headers"]["User-Agent"] == "heard-test"
    assert {key.lower() for key in event["request"]["headers"]} <= operations.SENTRY_HEADERS
    assert "user" not in event or set(event["user"]) <= {"id"}
    assert event["environment"] == "staging" and event["release"] == "heard@2026.12.1"
    assert event["tags"]["request_id"] == request_id


def test_without_a_dsn_nothing_is_set_up():
    assert operations.sentry_options({}) is None
    assert operations.sentry_options({"SENTRY_DSN": "  "}) is None
    options = operations.sentry_options({"SENTRY_DSN": "http://k@127.0.0.1:9/1"})
    assert options is not None
    collected = options["data_collection"]
    assert collected["user_info"] is False and collected["stack_frame_variables"] is False
    assert collected["cookies"] == collected["url_query_params"] == {"mode": "off"}
    assert collected["http_bodies"] == [] and collected["database_query_data"] is False
    assert options["environment"] == "production" and options["release"] is None
    assert options["traces_sample_rate"] == 0


def test_an_event_keeps_the_users_id_only_and_no_request_data():
    event = {
        "request": {
            "method": "GET",
            "url": f"https://heard.example/people/?q={FIRST}",
            "query_string": f"q={FIRST}",
            "data": {"name": NAME},
            "cookies": {"sessionid": "secret"},
            "env": {"REMOTE_ADDR": "192.0.2.1"},
            "headers": {"Referer": f"https://heard.example/?q={FIRST}", "User-Agent": "Firefox"},
        },
        "user": {"id": 42, "email": "officer@example.org", "ip_address": "192.0.2.1"},
        "breadcrumbs": {"values": [{"category": "query", "data": {"db.params": [NAME]}}]},
    }
    scrubbed = operations.scrub_event(event)
    assert scrubbed["request"] == {
        "method": "GET",
        "url": "https://heard.example/people/",
        "headers": {"User-Agent": "Firefox"},
    }
    assert scrubbed["user"] == {"id": 42}
    assert scrubbed["breadcrumbs"] == {"values": [{"category": "query"}]}
    assert "tags" not in scrubbed  # outside a request: no request id
    assert operations.scrub_event({"user": {"email": "a@b.example"}})["user"] == {}
