"""Sign-in security: two-factor (TOTP) sign-in, idle session expiry and the sign-in lockout.

Two-factor sign-in uses django-otp's ``TOTPDevice``. Staff in the roles listed in
``settings.HEARD_TWO_FACTOR_ROLES`` (administrator, participation lead, safeguarding lead) must set
up an authenticator app and enter a code after their password before any page works; anyone else
who has set one up must enter a code too. ``TwoFactorRequiredMiddleware`` enforces it for every
page, so a new view cannot forget it. Any other member of staff may turn it on from the header's
"Two-factor sign-in" link (the account page); an administrator may reset someone's app there,
and a user whose role needs it then sets up a new one.

API requests authenticated with a token (``Authorization: Token ...``) are exempt: a token is a
separate credential an administrator issues for a system, not a person's sign-in. An API request
that rides on a browser session gets the same rule as a page (403 until verified).
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.core import sign_in_events, sso

#: Set at sign-in when the user has a confirmed device: they must enter a code, whatever their role.
PENDING_SESSION_KEY = "heard_two_factor_pending"
LAST_SEEN_SESSION_KEY = "heard_last_seen"
#: When the password was accepted (epoch seconds): the session ends ``HEARD_SESSION_MAX_AGE`` later.
SIGNED_IN_AT_SESSION_KEY = "heard_signed_in_at"
#: Paths an unverified user may still reach: signing in and out, the two-factor pages, assets.
#: (The account page, /account/two-factor/, and an administrator's reset pages are not among them.)
OPEN_PREFIXES = ("/sign-in/", "/sign-out/", "/two-factor/", "/static/", "/healthz")
#: Who may reset another member of staff's authenticator app: whoever manages staff accounts.
RESET_PERMISSION = "people.change_user"


def _valid_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest | None) -> str | None:
    """The client's network address: the one address function of Heard (the sign-in lockout,
    sign-in events, and any rate limit by address use it).

    Without ``HEARD_TRUSTED_PROXY_COUNT`` (the default) it is the connection's address,
    ``REMOTE_ADDR``, and any ``X-Forwarded-For`` header is ignored: anyone can send one. Behind
    N trusted proxies (``HEARD_TRUSTED_PROXY_COUNT=N``), each of which appends the address it
    received the request from, the client is the N-th address from the right of
    ``X-Forwarded-For``: the ones further left were written by the client and prove nothing.
    A header with fewer entries than that, or an invalid entry, falls back to ``REMOTE_ADDR``.
    """
    if request is None:
        return None
    meta = getattr(request, "META", None) or {}
    remote = _valid_address(str(meta.get("REMOTE_ADDR") or ""))
    count = int(getattr(settings, "HEARD_TRUSTED_PROXY_COUNT", 0) or 0)
    if count > 0:
        hops = [hop for hop in str(meta.get("HTTP_X_FORWARDED_FOR") or "").split(",") if hop]
        if len(hops) >= count:
            return _valid_address(hops[-count]) or remote
    return remote


def two_factor_required_for(user: Any) -> bool:
    """True for roles that can see sensitive data: they must use two-factor sign-in."""
    return getattr(user, "role", "") in settings.HEARD_TWO_FACTOR_ROLES


def confirmed_device(user: Any) -> TOTPDevice | None:
    if user is None or not getattr(user, "pk", None):
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def needs_verification(request: HttpRequest) -> bool:
    """The signed-in user must still enter a code before pages work."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if user.is_verified():  # type: ignore[union-attr]
        return False
    # Single sign-on whose provider's multi-factor check the partnership trusts (heard.core.sso).
    if sso.provider_mfa_trusted(request):
        return False
    return two_factor_required_for(user) or bool(request.session.get(PENDING_SESSION_KEY))


def note_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in`` receiver: the time the session began, for its absolute limit."""
    session = getattr(request, "session", None)
    if session is not None:
        now = int(time.time())
        session[SIGNED_IN_AT_SESSION_KEY] = now
        session[LAST_SEEN_SESSION_KEY] = now


def mark_pending_after_password(request: HttpRequest, user: Any) -> bool:
    """After a correct password: True when the user must now enter a code (or set up an app)."""
    request.session[LAST_SEEN_SESSION_KEY] = int(time.time())
    if two_factor_required_for(user) or confirmed_device(user) is not None:
        request.session[PENDING_SESSION_KEY] = True
        return True
    return False


class TwoFactorRequiredMiddleware:
    """Sends a signed-in user who still owes a code to the two-factor page (403 for the API)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(OPEN_PREFIXES) and needs_verification(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Enter the code from your authenticator app to use Heard."},
                    status=403,
                )
            url = reverse("core:two-factor")
            if request.method == "GET" and request.path != reverse("home"):
                url += "?" + urlencode({"next": request.get_full_path()})
            return redirect(url)
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Signs a user out after ``HEARD_IDLE_TIMEOUT`` seconds without a request (0: never), and
    ``HEARD_SESSION_MAX_AGE`` seconds (12 hours) after signing in whatever the activity.

    The sign-in time is recorded in the session at sign-in (``note_sign_in``); a session without
    it (one from before this limit) is given it now. The time of the last request is written at
    most once a minute, so most requests do not save the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        timeout = int(getattr(settings, "HEARD_IDLE_TIMEOUT", 0) or 0)
        max_age = int(getattr(settings, "HEARD_SESSION_MAX_AGE", 0) or 0)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and (timeout or max_age):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            signed_in_at = request.session.get(SIGNED_IN_AT_SESSION_KEY)
            if max_age and isinstance(signed_in_at, int) and now - signed_in_at > max_age:
                return self._sign_out(
                    request,
                    user,
                    f"You were signed out because you signed in {max_age // 3600} hours ago. "
                    "Sign in again to carry on.",
                    detail="absolute limit",
                )
            if timeout and isinstance(last_seen, int) and now - last_seen > timeout:
                return self._sign_out(
                    request,
                    user,
                    "You were signed out because Heard was not used for "
                    f"{timeout // 60} minutes. Sign in again to carry on.",
                    detail="idle",
                )
            if not isinstance(signed_in_at, int):
                request.session[SIGNED_IN_AT_SESSION_KEY] = now
            if not isinstance(last_seen, int) or now - last_seen >= 60:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)

    @staticmethod
    def _sign_out(request: HttpRequest, user: Any, message: str, *, detail: str) -> HttpResponse:

        sign_in_events.record(
            sign_in_events.Event.SESSION_EXPIRED, request=request, user=user, detail=detail
        )
        request.heard_sign_out_event = False  # type: ignore[attr-defined]
        logout(request)
        messages.info(request, message)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Your session has expired."}, status=401)
        return redirect(f"{reverse('core:sign-in')}?{urlencode({'next': request.path})}")


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: a plain page saying for how long (429)."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 15
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "core/locked_out.html", context, status=429)


class SignInLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, first among the authentication backends.

    Heard's sign-in page (and the admin's) always passes the request, so they are rate limited
    and locked out. A call without a request (a management command, the test client's
    ``login()``) has no address to count against; it is left to the other backends.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
