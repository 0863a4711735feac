"""Heard's log lines: JSON (or plain, for a developer), each with its request's id, and never
personal data.

- Every line carries ``request_id``: the id django-log-request-id gives each request (sent back
  in the ``X-Request-ID`` response header, so a user's report of an error can be matched with
  its lines). Outside a request it is ``none``.
- Only named fields are written (``FIELDS``): a record's other attributes, such as the
  ``request`` that Django's request logger attaches (its ``repr`` holds the query string), are
  dropped, as are any ``extra`` a caller passes.
- An exception is written with its type and traceback but not its message: messages quote SQL
  parameters and form values (``Key (email)=(...) already exists``). Sentry, when configured,
  has the message (heard.config.parts.operations).
- Django's development server logs request lines: their query strings are cut off here
  (gunicorn's access log writes the path only: gunicorn.conf.py).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from log_request_id.middleware import RequestIDMiddleware
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

#: The fields of a JSON line, in order.
FIELDS = ("time", "level", "logger", "message", "request_id")
#: What an exception's message is written as.
WITHHELD = "<message not logged>"
#: A request id taken from a trusted proxy's header: letters, digits and a few separators.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def _withhold(exception: traceback.TracebackException) -> None:
    # TracebackException breaks cycles itself: its causes and contexts form a tree.
    exception._str = WITHHELD  # type: ignore[attr-defined]
    exception.__notes__ = None
    for attribute in ("text", "msg"):  # a SyntaxError's source line and message
        if getattr(exception, attribute, None):
            setattr(exception, attribute, WITHHELD)
    related = [exception.__cause__, exception.__context__, *(exception.exceptions or [])]
    for other in related:
        if other is not None:
            _withhold(other)


def traceback_without_messages(exc_info: ExcInfo) -> str:
    """The traceback of ``exc_info`` with every exception's message (and notes) withheld."""
    exception = traceback.TracebackException(*exc_info, capture_locals=False)
    _withhold(exception)
    return "".join(exception.format()).rstrip("\n")


class PlainFormatter(logging.Formatter):
    """One readable line (for ``make run``): time, level, logger, request id, message."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        return traceback_without_messages(ei)


class JsonFormatter(_JsonFormatter):
    """One JSON object a line, of ``FIELDS`` (and ``exc_info`` for an exception) only."""

    def __init__(self) -> None:
        super().__init__(
            ["asctime", "levelname", "name", "message", "request_id"],
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
        )

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        # Named fields only: no record attribute or ``extra`` beyond them.
        for field in self._required_fields:
            log_data[self._get_rename(field)] = record.__dict__.get(field)
        log_data["request_id"] = log_data.get("request_id") or "none"
        if message_dict.get("exc_info"):
            log_data["exc_info"] = message_dict["exc_info"]
        if message_dict.get("stack_info"):
            log_data["stack_info"] = message_dict["stack_info"]

    def formatException(self, ei: Any) -> str:  # type: ignore[override]  # noqa: N802
        return traceback_without_messages(ei)


class AccessJsonFormatter(JsonFormatter):
    """gunicorn's access log as JSON lines (gunicorn.conf.py): method, path (never the query
    string), status, milliseconds, and the request id Heard answered with."""

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        atoms: Any = record.args  # gunicorn's SafeAtoms: "-" for anything it does not have
        if not isinstance(atoms, Mapping):
            return
        method, path, status = atoms["m"], atoms["U"], atoms["s"]
        log_data["message"] = f"{method} {path} {status}"
        log_data["request_id"] = atoms["{x-request-id}o"]
        log_data.update(method=method, path=path, status=status, duration_ms=atoms["M"])


class NoQueryStrings(logging.Filter):
    """Cut the query string off the request line that Django's development server logs
    (``"GET /people/?q=... HTTP/1.1" 200 1234``): a search can carry a name."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "django.server" and isinstance(record.args, tuple) and record.args:
            first, *rest = record.args
            if isinstance(first, str):
                record.args = (re.sub(r"\?\S*", "", first), *rest)
        return True


class RequestIdMiddleware(RequestIDMiddleware):
    """django-log-request-id's middleware: a new id for each request, or, behind a trusted proxy
    (``LOG_REQUEST_ID_HEADER``, set only with ``HEARD_TRUSTED_PROXY_COUNT``), the proxy's id when
    it is a plain token; anything else in that header (a name, a line break) is ignored."""

    def _get_request_id(self, request: HttpRequest) -> str:
        header = getattr(settings, "LOG_REQUEST_ID_HEADER", None)
        given = str(request.META.get(header, "")) if header else ""
        return given if REQUEST_ID.fullmatch(given) else str(self._generate_id())
