"""Heard's error pages: 400, 403, 404 and 429 in Heard's layout (500: ``heard.core.database``).

Each page follows GOV.UK's pattern ("Page not found", "You do not have permission to see this
page", "Too many attempts"), offers a way back (home, or sign in) and says nothing that helps an
attacker: not the path tried, not the reason a permission was refused, not whether a record exists.
Under ``/api/`` the answer stays JSON ``{"detail": ...}``, like the API's other errors, for a URL
that matches no API view as much as for one that does.

``page_not_found`` and ``permission_denied`` are the URL conf's ``handler404`` and ``handler403``
(``heard.core.database.bad_request``, the ``handler400``, answers with ``bad_request_response``);
Django calls them with DEBUG off (with DEBUG on it shows its technical 404 instead).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

API_PREFIX = "/api/"

BAD_REQUEST = "Bad request."
NOT_FOUND = "Not found."
PERMISSION_DENIED = "You do not have permission to perform this action."
TOO_MANY_REQUESTS = "Too many attempts. Wait a few minutes, then try again."
SERVER_ERROR = "Sorry, there is a problem with the service. Try again later."


def is_api(request: HttpRequest | None) -> bool:
    return (getattr(request, "path", "") or "").startswith(API_PREFIX)


def _answer(
    request: HttpRequest, template: str, status: int, detail: str, context: dict[str, Any] | None
) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": detail}, status=status)
    return render(request, template, context or {}, status=status)


def bad_request_response(request: HttpRequest) -> HttpResponse:
    """The 400 page: what Django found wrong with the request stays on the server."""
    return _answer(request, "400.html", 400, BAD_REQUEST, None)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: the exception's message (which may name a model or a path) is not shown."""
    return _answer(request, "404.html", 404, NOT_FOUND, None)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler403``: what was refused, and why, stays on the server."""
    return _answer(request, "403.html", 403, PERMISSION_DENIED, None)


def too_many_requests(
    request: HttpRequest,
    *,
    minutes: int | None = None,
    template: str = "429.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A 429 for a view that limits attempts: the page (or the API's JSON), with a ``Retry-After``
    when the wait is known."""
    response = _answer(
        request, template, 429, TOO_MANY_REQUESTS, {"minutes": minutes, **(context or {})}
    )
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response


def server_error_response(request: HttpRequest | None) -> HttpResponse:
    """The 500 page, rendered without the request: its context processors read the signed-in
    user and the navigation from a database that may be what failed."""
    if is_api(request):
        return JsonResponse({"detail": SERVER_ERROR}, status=500)
    try:
        html = loader.get_template("500.html").render({})
    except Exception:  # noqa: BLE001 - the error page must not fail in its turn
        html = f"<!DOCTYPE html><title>Heard</title><h1>{SERVER_ERROR}</h1>"
    return HttpResponse(html, status=500)
