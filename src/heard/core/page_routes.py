"""A page routed under its view's name, the way most of Heard's pages are named.

``page("calendar.ics", views.calendar_ics)`` is ``path("calendar.ics", views.calendar_ics,
name="calendar-ics")``: the URL name is the view's function name with ``-`` for ``_``, so a URL
table says each page's name once. A class-based view is routed by its ``as_view()`` and named
after its class without ``View``: ``page("sign-in/", views.SignInView)`` is named ``sign-in``. A
page named otherwise stays a plain ``path`` entry.

A view a factory makes (``heard.core.records``) is :func:`named` as if written out where it is
asked for, so that ``page`` and the resolver name it as they would a function written there.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

from django.urls import URLPattern, path

Named = TypeVar("Named", bound=Callable[..., Any])


def page(route: str, view: Callable[..., Any]) -> URLPattern:
    """``route`` to ``view``, named after it (``calendar_ics``: ``calendar-ics``;
    ``PasswordResetDoneView``: ``password-reset-done``)."""
    as_view = getattr(view, "as_view", None)  # a class-based view, else a function
    if as_view is not None:
        words = re.findall(r"[A-Z][a-z0-9]*", view.__name__.removesuffix("View"))
        return path(route, as_view(), name="-".join(words).lower())
    return path(route, view, name=view.__name__.replace("_", "-"))


def caller_module(default: str = __name__) -> str:
    """The module whose code is asking for a view (``audit_edit = AUDIT.edit_view(...)`` in
    ``heard.audits.views.audits``): the innermost module being run, as ``collections.namedtuple``
    finds its caller's; ``default`` when none is (a view made on a request)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_name != "<module>":
        frame = frame.f_back
    return frame.f_globals.get("__name__", default) if frame is not None else default


def named(view: Named, name: str) -> Named:
    """The view under the name it is routed by (``opportunity_create``), as if written out in
    the module that asked for it (``heard.audits.views.audits``, not ``heard.core.records``), so
    the resolver and the logs name it by its app."""
    view.__name__ = view.__qualname__ = name
    view.__module__ = caller_module(view.__module__)
    return view
