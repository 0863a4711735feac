"""Sign-in lockout, per account and per address, counted from Heard's sign-in events.

django-axes still does the plumbing (its backend refuses a locked sign-in before the password
is checked, its middleware answers with Heard's lockout page, its signals call this handler),
but Heard counts, because axes' database handler keys its counts on (email, address, browser)
rows and, on a successful sign-in, deletes every row of that address: one person's sign-in
wiped every other account's failures from the same address (issue 15). Here:

- An account locks at its ``AXES_FAILURE_LIMIT``-th failure (5) within the cool-off time, from
  any mix of addresses; only that account's own sign-in (or a lockout) starts its count again.
- An address locks at ``HEARD_SIGN_IN_ADDRESS_FAILURE_LIMIT`` failures (20: four times the
  account's), whichever accounts they name, so one address cannot try many accounts; a sign-in
  does not start this count again.
- A lock lasts ``AXES_COOLOFF_TIME`` (15 minutes) from the failure that set it.
- An attempt refused because the account or the address is locked is recorded as refused and
  counts against nothing: right passwords typed at a locked address do not lock the account.

Counting uses event ids, not times, so events within the same instant are ordered.
"""

from __future__ import annotations

import datetime
from typing import Any

from axes.handlers.base import AbstractAxesHandler, AxesBaseHandler
from axes.helpers import get_client_username
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from heard.core import sign_in_events
from heard.core.models import SignInEvent

Event = SignInEvent.Event


def account_limit() -> int:
    return int(settings.AXES_FAILURE_LIMIT)


def address_limit() -> int:
    return int(getattr(settings, "HEARD_SIGN_IN_ADDRESS_FAILURE_LIMIT", 4 * account_limit()))


def _window_start() -> datetime.datetime:
    cool_off = settings.AXES_COOLOFF_TIME or datetime.timedelta(minutes=15)
    return timezone.now() - cool_off


def _normal(email: str | None) -> str:
    return (email or "").strip().lower()


def account_failures(email: str | None) -> int:
    """Failures for this email address in the cool-off window since its last sign-in or lock."""
    email = _normal(email)
    if not email:
        return 0
    recent = SignInEvent.objects.filter(email=email, at__gte=_window_start())
    since = recent.filter(event__in=[Event.SIGNED_IN, Event.ACCOUNT_LOCKED]).aggregate(
        last=Max("pk")
    )["last"]
    return recent.filter(event=Event.FAILED, pk__gt=since or 0).count()


def address_failures(address: str | None) -> int:
    """Failures from this address in the cool-off window since it was last locked."""
    if not address:
        return 0
    recent = SignInEvent.objects.filter(address=address, at__gte=_window_start())
    since = recent.filter(event=Event.ADDRESS_LOCKED).aggregate(last=Max("pk"))["last"]
    return recent.filter(event=Event.FAILED, pk__gt=since or 0).count()


def account_locked(email: str | None) -> bool:
    email = _normal(email)
    return bool(email) and (
        SignInEvent.objects.filter(
            email=email, event=Event.ACCOUNT_LOCKED, at__gte=_window_start()
        ).exists()
    )


def address_locked(address: str | None) -> bool:
    return bool(address) and (
        SignInEvent.objects.filter(
            address=address, event=Event.ADDRESS_LOCKED, at__gte=_window_start()
        ).exists()
    )


def record_failure(request: Any, *, email: str, address: str | None, detail: str = "") -> bool:
    """Record a wrong password (the sign-in page, or the current password when changing it) and
    lock the account or the address when it reaches its limit. True when something locked."""
    sign_in_events.record(Event.FAILED, request=request, email=email, detail=detail)
    locked = False
    if email and account_failures(email) >= account_limit():
        sign_in_events.record(Event.ACCOUNT_LOCKED, request=request, email=email)
        locked = True
    if address and address_failures(address) >= address_limit():
        sign_in_events.record(Event.ADDRESS_LOCKED, request=request, email=email)
        locked = True
    return locked


class SignInLockoutHandler(AbstractAxesHandler, AxesBaseHandler):
    """django-axes' handler (``AXES_HANDLER``): Heard's counting, described above."""

    def is_locked(self, request: Any, credentials: dict[str, Any] | None = None) -> bool:
        email = get_client_username(request, credentials)
        return account_locked(email) or address_locked(getattr(request, "axes_ip_address", None))

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        return account_failures(get_client_username(request, credentials))

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        if request is None:
            return
        email = get_client_username(request, credentials)
        request.axes_credentials = credentials
        if request.axes_locked_out:  # refused by the backend before the password was checked
            sign_in_events.record(Event.REFUSED, request=request, email=email or "")
            return
        if getattr(request, "heard_sso", None) is not None:
            return  # single sign-on records its own refusal (heard.core.sso_views)
        address = request.axes_ip_address
        if record_failure(request, email=email or "", address=address):
            request.axes_locked_out = True
            user_locked_out.send("axes", request=request, username=email, ip_address=address)

    def user_logged_in(self, sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
        if getattr(request, "heard_sign_in_detail", ""):  # single sign-on (heard.core.sso_views)
            detail = request.heard_sign_in_detail
            sign_in_events.record(Event.SIGNED_IN, request=request, user=user, detail=detail)
            return
        sign_in_events.record(Event.SIGNED_IN, request=request, user=user)

    def user_logged_out(self, sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
        if user is not None and getattr(request, "heard_sign_out_event", True):
            sign_in_events.record(Event.SIGNED_OUT, request=request, user=user)
