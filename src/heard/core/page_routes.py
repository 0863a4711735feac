"""A page routed under its view's name, the way most of Heard's pages are named.

``page("calendar.ics", views.calendar_ics)`` is ``path("calendar.ics", views.calendar_ics,
name="calendar-ics")``: the URL name is the view's function name with ``-`` for ``_``, so a URL
table says each page's name once. A class-based view is routed by its ``as_view()`` and named
after its class without ``View``: ``page("sign-in/", views.SignInView)`` is named ``sign-in``. A
page named otherwise stays a plain ``path`` entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path


def page(route: str, view: Callable[..., Any]) -> URLPattern:
    """``route`` to ``view``, named after it (``calendar_ics``: ``calendar-ics``;
    ``PasswordResetDoneView``: ``password-reset-done``)."""
    as_view = getattr(view, "as_view", None)  # a class-based view, else a function
    if as_view is not None:
        words = re.findall(r"[A-Z][a-z0-9]*", view.__name__.removesuffix("View"))
        return path(route, as_view(), name="-".join(words).lower())
    return path(route, view, name=view.__name__.replace("_", "-"))
