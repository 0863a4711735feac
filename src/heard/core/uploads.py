"""A cap on the size of a request's body, checked before anything reads it.

Django reads an upload in full (to memory, then to a temporary file) before a form or service
can look at its size, so a 40 MB "photo" was read, written to disk and only then refused by the
10 MB check (issue 15, section 5). This middleware looks at the request's declared length
(``Content-Length``) and answers 413 with a page that says what to do, before the body is read.
A body sent without a length is read by Django as empty, so it cannot slip past.

The cap is ``HEARD_MAX_REQUEST_BYTES``: the largest evidence file (10 MB) and room for the form
around it. Smaller limits stay with what they are about (the 10 MB evidence check, the 1 MB
CSV imports); Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` still bounds a body that is not a file.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MB = 1024 * 1024
#: The largest evidence file (10 MB), and 1 MB for the rest of a multipart form.
MAX_REQUEST_BYTES = 11 * MB
TOO_LARGE = (
    "What you sent is too large. A file can be up to 10 MB: choose a smaller file (or a smaller "
    "photo) and try again."
)


def max_request_bytes() -> int:
    return int(getattr(settings, "HEARD_MAX_REQUEST_BYTES", MAX_REQUEST_BYTES))


def declared_length(request: HttpRequest) -> int | None:
    """The body's length as the client declared it; None when it did not, or not as a number."""
    raw = request.META.get("CONTENT_LENGTH") or ""
    try:
        return int(raw)
    except ValueError:
        return None


class RequestBodyLimitMiddleware:
    """Answer 413 to a request whose declared body is over the cap, without reading the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        limit = max_request_bytes()
        if length is not None and length > limit:
            return self.refuse(request, length, limit)
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest, length: int, limit: int) -> HttpResponse:
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": TOO_LARGE}, status=413)
        else:
            context = {
                "title": "The file is too large",
                "message": TOO_LARGE,
                "sent_mb": f"{length / MB:.1f}",
                "limit_mb": f"{limit / MB:.0f}",
                "back": request.path,
            }
            response = render(request, "core/request_too_large.html", context, status=413)
        # No "Connection: close" here: WSGI forbids an application hop-by-hop headers (the
        # development server asserts so). gunicorn closes each connection after its response
        # (gunicorn.conf.py), so the unread body is never taken for a next request.
        return response
