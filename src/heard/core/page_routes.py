"""A page routed under its view's name, the way most of Heard's pages are named.

``page("calendar.ics", views.calendar_ics)`` is ``path("calendar.ics", views.calendar_ics,
name="calendar-ics")``: the URL name is the view's function name with ``-`` for ``_``, so a URL
table says each page's name once. A page named otherwise stays a plain ``path`` entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path


def page(route: str, view: Callable[..., Any]) -> URLPattern:
    """``route`` to ``view``, named after it (``calendar_ics``: ``calendar-ics``)."""
    return path(route, view, name=view.__name__.replace("_", "-"))
