"""When the database cannot be reached: a clear 503, never a stack trace or a 500 (issue 15).

A database restart, a failover or a dropped connection makes Django raise ``OperationalError`` or
``InterfaceError``. The request cannot be served, and what it meant to write was rolled back with
the connection (unless it had committed before a later read failed), so it is answered 503
Service Unavailable with a ``Retry-After``: a page that says to try again in a moment, or for the
API a JSON body ``{"detail": ...}`` like its other errors. The next request opens a new
connection (``CONN_HEALTH_CHECKS`` replaces a dead persistent one), so Heard recovers by itself
once the database is back.

Three places lead here, because Django reports failures from three layers:
``DatabaseUnavailableMiddleware.process_exception`` for pages (what a view raises), the API's
exception handler (``heard.api.errors``) for what an API view raises, and ``server_error`` (the
``handler500`` of the URL conf) for what a middleware raises, such as loading the signed-in
user's session. A fourth: Django's session middleware turns a session that could not be saved
(its ``UpdateError``, raised while handling the database's error) into ``SessionInterrupted``, a
400, so ``bad_request`` (the ``handler400``) looks through the exception's context for the
database and answers 503 when it finds it. SQLite's "database is locked", should a writer wait
past its busy timeout, is an ``OperationalError`` too and is answered the same way.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template import loader

from heard.core import error_views

logger = logging.getLogger(__name__)

UNAVAILABLE = (OperationalError, InterfaceError)
#: Seconds a client should wait before trying again (the ``Retry-After`` header).
RETRY_AFTER = 5
MESSAGE = (
    "Heard cannot reach its database at the moment, so this request could not be completed. "
    "Try again in a few seconds. If you were adding something, check first whether it was added."
)
API_PREFIX = "/api/"


def unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, UNAVAILABLE)


def note(exc: BaseException, request: HttpRequest | None) -> None:
    # The exception's class only: its message can quote SQL, and query strings can carry names.
    logger.warning(
        "Database unavailable (%s) during %s %s",
        type(exc).__name__,
        getattr(request, "method", "-"),
        getattr(request, "path", "-"),
    )


def unavailable_response(request: HttpRequest | None) -> HttpResponse:
    """The 503 page, or the API's JSON error. Rendered without the request's context
    processors, which read the signed-in user and the navigation from the database."""
    path = getattr(request, "path", "") or ""
    response: HttpResponse
    if path.startswith(API_PREFIX):
        response = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        html = loader.get_template("core/database_unavailable.html").render({"message": MESSAGE})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers a view that failed for want of the database with the 503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not unavailable(exception):
            return None
        note(exception, request)
        return unavailable_response(request)


def caused_by_unavailable_database(exc: BaseException | None) -> BaseException | None:
    """The database error behind ``exc``, following ``__cause__`` and ``__context__``."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if unavailable(exc):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: a 400 raised because the database went away (a session that could not be
    saved) is the 503; any other is Heard's 400 page."""
    lost = caused_by_unavailable_database(exception)
    if lost is not None:
        note(lost, request)
        return unavailable_response(request)
    return error_views.bad_request_response(request)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """``handler500``: Django calls it, inside its ``except``, for anything a view or a
    middleware did not handle. A database that cannot be reached gets the 503; anything else
    Heard's 500 page (``500.html``), or JSON under ``/api/``."""
    exc = sys.exc_info()[1]
    if unavailable(exc):
        assert exc is not None  # noqa: S101 - for the type checker
        note(exc, request)
        return unavailable_response(request)
    return error_views.server_error_response(request)
