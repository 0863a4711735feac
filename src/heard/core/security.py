"""Sign-in security: two-factor (TOTP) sign-in, idle session expiry and the API docs' CSP.

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

import base64
import hashlib
import hmac
import ipaddress
import re
import secrets
import time
from base64 import b32encode
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.core import audit, sign_in_events
from heard.core.models import AuditEntry
from heard.core.permissions import can, require

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
        from heard.core import sign_in_events

        sign_in_events.record(
            sign_in_events.Event.SESSION_EXPIRED, request=request, user=user, detail=detail
        )
        request.heard_sign_out_event = False  # type: ignore[attr-defined]
        logout(request)
        messages.info(request, message)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Your session has expired."}, status=401)
        return redirect(f"{reverse('core:sign-in')}?{urlencode({'next': request.path})}")


# Setting up and verifying an authenticator app ---------------------------------------------------


def unconfirmed_device(user: Any) -> TOTPDevice:
    """The device being set up: one unconfirmed device per user, made on first use."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The device's set-up link as an inline SVG QR code (no script, no inline style)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=20)
    svg = image.to_string(encoding="unicode")
    svg = svg.replace(
        "<svg ",
        '<svg role="img" aria-label="QR code to add Heard to your authenticator app" ',
        1,
    )
    return mark_safe(svg)  # noqa: S308 - generated by qrcode from our own URL, no user input


@transaction.atomic
def two_factor_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code against the user's confirmed device, or confirm the one being set up.

    On success the session is marked verified (``django_otp.login``) and, for a new device, any
    other device of the user is removed and the change audited (no secrets in the audit entry).
    Every try is a sign-in event (verified, set up, or failed), without the code.
    """
    user = request.user
    token = re.sub(r"\s+", "", token or "")
    device = confirmed_device(user)
    is_new = device is None
    if device is None:
        device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if not token.isdigit() or device is None or not device.verify_token(token):
        sign_in_events.record(
            sign_in_events.Event.TWO_FACTOR_FAILED,
            request=request,
            user=user,
            detail="setting up" if is_new else "authenticator app",
        )
        return False
    sign_in_events.record(
        sign_in_events.Event.TWO_FACTOR_SET_UP
        if is_new
        else sign_in_events.Event.TWO_FACTOR_VERIFIED,
        request=request,
        user=user,
    )
    if is_new:
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(
            actor=user,
            action=AuditEntry.Action.CREATE,
            obj=device,
            changes={"confirmed": [False, True]},
        )
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)
    return True


def is_verified_session(request: HttpRequest) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


# Resetting a member of staff's authenticator app (an administrator's job) -------------------------


def staff_using_two_factor(actor: Any) -> QuerySet[Any]:
    """Staff with a confirmed authenticator app, by name, for the administrators who may reset
    one (nobody else: an empty list). One query per page."""
    if not can(actor, RESET_PERMISSION):
        return get_user_model().objects.none()
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return get_user_model().objects.filter(Exists(confirmed)).order_by("full_name", "email", "pk")


def staff_member_get(actor: Any, pk: Any) -> Any:
    """A member of staff whose two-factor sign-in ``actor`` may reset (403 first, then 404)."""
    require(actor, RESET_PERMISSION)
    member = get_user_model().objects.filter(pk=pk).first()
    if member is None:
        raise Http404("No such member of staff.")
    return member


@transaction.atomic
def two_factor_reset(*, actor: Any, user: Any, request: HttpRequest | None = None) -> int:
    """Remove every authenticator app of ``user`` (a lost or replaced phone): an administrator's
    decision, audited on the user and on each device, without any secret.

    At once, a session that was verified with the removed app is no longer verified. A user in a
    role that needs two-factor sign-in is then sent to set up a new app (at their next request,
    or sign-in); anyone else signs in with their password until they choose to set one up again.
    The user's backup codes go too: they set up new ones with the new app.
    Returns how many devices were removed.
    """
    require(actor, RESET_PERMISSION, user)
    devices = list(TOTPDevice.objects.select_for_update().filter(user=user).order_by("pk"))
    if not any(device.confirmed for device in devices):
        raise ValidationError(
            {"__all__": "This account does not use two-factor sign-in: there is nothing to reset."}
        )
    StaticDevice.objects.filter(user=user).delete()
    sign_in_events.record(
        sign_in_events.Event.TWO_FACTOR_RESET, request=request, user=user, actor=actor
    )
    for device in devices:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.DELETE,
            obj=device,
            changes={"confirmed": [device.confirmed, None], "reason": "reset by administrator"},
        )
    TOTPDevice.objects.filter(pk__in=[device.pk for device in devices]).delete()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=user,
        changes={"two_factor": ["on", "reset"]},
    )
    return len(devices)


# Backup codes (django_otp.plugins.otp_static) ---------------------------------------------------
# Ten single-use codes for when the phone is lost. The plugin keeps its tokens as typed; Heard
# gives it a keyed hash of each code instead (HMAC-SHA256 with the secret key, 96 bits, in the
# plugin's 16 characters), so the codes cannot be read back from the database. The plugin still
# deletes a code once used and slows down repeated wrong codes.

BACKUP_DEVICE_NAME = "Backup codes"
#: Characters of a backup code: lower-case letters and digits without 0, 1, l, o (10 of them).
_BACKUP_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
_BACKUP_LENGTH = 10


def _backup_hash(code: str) -> str:
    normal = re.sub(r"[^a-z0-9]", "", (code or "").lower())
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"heard-backup-code:{normal}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


def backup_codes_left(user: Any) -> int:
    if user is None or not getattr(user, "pk", None):
        return 0
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def backup_codes_generate(*, request: HttpRequest, user: Any) -> list[str]:
    """Give ``user`` new backup codes (any old ones stop working) and return them, to be shown
    once. Only for someone who uses an authenticator app. A sign-in event and an audit entry,
    without the codes."""
    if confirmed_device(user) is None:
        raise ValidationError(
            {"__all__": "Set up two-factor sign-in with an authenticator app first."}
        )
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    count = int(getattr(settings, "HEARD_BACKUP_CODE_COUNT", 10))
    codes = [
        "".join(secrets.choice(_BACKUP_ALPHABET) for _ in range(_BACKUP_LENGTH))
        for _ in range(count)
    ]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=_backup_hash(code)) for code in codes]
    )
    sign_in_events.record(sign_in_events.Event.BACKUP_CODES_GENERATED, request=request, user=user)
    audit.record(actor=user, action=AuditEntry.Action.CREATE, obj=device, changes={"codes": count})
    return [f"{code[:5]}-{code[5:]}" for code in codes]


@transaction.atomic
def backup_code_verify(*, request: HttpRequest, code: str) -> bool:
    """Sign in with a backup code instead of the app's code: the code is spent."""
    user = request.user
    device = StaticDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is None or not device.verify_token(_backup_hash(code)):
        sign_in_events.record(
            sign_in_events.Event.TWO_FACTOR_FAILED, request=request, user=user, detail="backup code"
        )
        return False
    left = backup_codes_left(user)
    sign_in_events.record(
        sign_in_events.Event.BACKUP_CODE_USED,
        request=request,
        user=user,
        detail=f"{left} left",
    )
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)
    return True


# The API reference page under the Content Security Policy ----------------------------------------

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def redoc_csp(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Relax the CSP for the Redoc page only: its own inline start-up script is allowed by hash,
    Redoc's generated styles by 'unsafe-inline' styles, its search worker by blob:."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        render = getattr(response, "render", None)
        if callable(render):
            render()
        content = getattr(response, "content", b"").decode()
        hashes = [
            f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
            for script in _INLINE_SCRIPT.findall(content)
        ]
        response._csp_update = {  # type: ignore[attr-defined]
            "script-src": hashes,
            "style-src": ["'unsafe-inline'"],
            "worker-src": ["'self'", "blob:"],
        }
        return response

    return wrapped


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: a plain page saying for how long (429)."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 15
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "core/locked_out.html", context, status=429)


@transaction.atomic
def totp_device_install(
    *, actor: Any, user: Any, key: str, name: str = "Authenticator app"
) -> TOTPDevice:
    """Give ``user`` a confirmed TOTP device with a known hex ``key`` (the demo's published one),
    replacing any other. Audited without the key."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice(user=user, name=name, key=key, confirmed=True)
    device.full_clean()
    device.save()
    audit.record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=device,
        changes={"confirmed": [None, True]},
    )
    return device


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
