"""Real servers on loopback for the messaging tests: an SMTP server (aiosmtpd) and an HTTP
server that speaks GOV.UK Notify's API (``POST /v2/notifications/email``, ``GET
/v2/notifications/<id>``), checking each request's JSON Web Token as Notify does."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Inbox:
    """What the SMTP server received: each message with the time it arrived."""

    def __init__(self) -> None:
        self.received: list[tuple[float, EmailMessage]] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self.arrived:
            self.received.append((time.monotonic(), parsed))  # type: ignore[arg-type]
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 60.0) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.received) >= count, timeout=timeout)


@contextlib.contextmanager
def smtp_server(port: int | None = None) -> Iterator[tuple[int, Inbox]]:
    controller_module = pytest.importorskip(
        "aiosmtpd.controller", reason="aiosmtpd is not installed: no SMTP server to test against"
    )
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    inbox = Inbox()
    port = port or free_port()
    controller = controller_module.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


# --- GOV.UK Notify ------------------------------------------------------------------------------

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"heard_test-{SERVICE_ID}-{SECRET}"


class Notify:
    """The notifications the loopback Notify server holds, and what it answers next."""

    def __init__(self) -> None:
        self.notifications: dict[str, dict[str, Any]] = {}
        self.refuse_with: int | None = None
        self.lock = threading.Lock()


def _handler(notify: Notify) -> type[BaseHTTPRequestHandler]:
    jwt = pytest.importorskip("jwt", reason="PyJWT is not installed")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            header = self.headers.get("Authorization", "")
            token = header.removeprefix("Bearer ")
            try:
                claims = jwt.decode(token, SECRET, algorithms=["HS256"])
            except jwt.PyJWTError:
                return False
            return bool(claims.get("iss") == SERVICE_ID and abs(claims["iat"] - time.time()) < 30)

        def _error(self, status: int, kind: str, message: str) -> None:
            self._reply(
                status,
                {"status_code": status, "errors": [{"error": kind, "message": message}]},
            )

        def do_POST(self) -> None:  # noqa: N802
            if not self._authorised():
                return self._error(403, "AuthError", "Invalid token")
            if self.path != "/v2/notifications/email":
                return self._error(404, "NotFound", "No such endpoint")
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if notify.refuse_with:
                return self._error(notify.refuse_with, "BadRequestError", "Refused")
            missing = {"email_address", "template_id"} - set(body)
            if missing:
                return self._error(400, "ValidationError", f"{missing} is a required property")
            notification_id = str(uuid.uuid4())
            with notify.lock:
                notify.notifications[notification_id] = {**body, "status": "sending"}
            return self._reply(
                201,
                {
                    "id": notification_id,
                    "reference": body.get("reference"),
                    "content": {"subject": "Subject", "body": "Body", "from_email": "x@y"},
                    "uri": f"/v2/notifications/{notification_id}",
                    "template": {"id": body["template_id"], "version": 1, "uri": "/"},
                },
            )

        def do_GET(self) -> None:  # noqa: N802
            if not self._authorised():
                return self._error(403, "AuthError", "Invalid token")
            notification_id = self.path.rsplit("/", 1)[-1]
            with notify.lock:
                found = notify.notifications.get(notification_id)
            if found is None:
                return self._error(404, "NoResultFound", "No result found")
            return self._reply(200, {"id": notification_id, **found})

    return Handler


@contextlib.contextmanager
def notify_server() -> Iterator[tuple[str, Notify]]:
    notify = Notify()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(notify))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", notify
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
