"""Sign-in events: who signed in, failed, was locked out, used two-factor sign-in, changed or
reset a password or was given an API token; when, from which address and browser. Never a
password, a code or a token.

``record`` writes one event (services and signal receivers call it); the selectors read them for
the administrator's "Sign-in events" page (``sign_in_events_for``) and its CSV.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from heard.core.models import SignInEvent
from heard.core.permissions import require

Event = SignInEvent.Event
#: Who may review sign-in events: the administrator only.
VIEW_PERMISSION = "core.view_sign_in_events"


def client_address(request: HttpRequest | None) -> str | None:
    """The client's network address, as Heard records and rate-limits it (see security)."""
    from heard.core.security import client_address as address

    return address(request)


def record(
    event: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    email: str = "",
    actor: Any = None,
    detail: str = "",
) -> SignInEvent:
    """Write one sign-in event. ``email`` is what was typed (a failed sign-in), else the user's."""
    if user is not None and not getattr(user, "pk", None):
        user = None
    if not email and user is not None:
        email = getattr(user, "email", "") or ""
    meta = getattr(request, "META", None) or {}
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return SignInEvent.objects.create(
        event=event,
        user=user,
        email=(email or "").strip().lower()[:254],
        actor=actor,
        address=client_address(request),
        user_agent=str(meta.get("HTTP_USER_AGENT", ""))[:255],
        detail=detail[:200],
    )


def sign_in_events_for(
    actor: Any,
    *,
    user: str = "",
    event: str = "",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[SignInEvent]:
    """Sign-in events, newest first, for the administrator (403 for anyone else): filtered by
    the user's or typed email address (a part of it), the event, and the dates (inclusive)."""
    require(actor, VIEW_PERMISSION)
    events = SignInEvent.objects.select_related("user", "actor").order_by("-at", "-id")
    if user:
        events = events.filter(email__icontains=user.strip().lower())
    if event:
        events = events.filter(event=event)
    if start:
        events = events.filter(at__date__gte=start)
    if end:
        events = events.filter(at__date__lte=end)
    return events
