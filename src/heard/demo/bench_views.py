"""The benchmark's framework floor (bench/README.md): mounted only when ``HEARD_BENCH=1``.

A trivial JSON response through the same server, middleware and client as every page, with no
database query: whatever a real page costs beyond it is Heard's own work.
"""

from __future__ import annotations

import os

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path


def enabled() -> bool:
    return os.environ.get("HEARD_BENCH") == "1"


def floor(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


def urlpatterns() -> list[URLPattern]:
    """The floor's URL when the benchmark runs the server, and nothing otherwise."""
    return [path("bench/floor/", floor, name="bench-floor")] if enabled() else []
