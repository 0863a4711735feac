"""Single sign-on: the council's OpenID Connect provider says who someone is; Heard decides
whether they may come in and as what (settings: ``heard.config.parts.sso``; docs/sso.md).

``HeardOIDCBackend`` (mozilla-django-oidc's backend) takes the provider's ID token (signature,
nonce and expiry checked by the library) and userinfo, and:

- refuses unless the email address is verified (``email_verified`` true, or the claim named by
  ``OIDC_EMAIL_VERIFIED_CLAIM``);
- matches exactly one ACTIVE member of staff by that address, case-insensitively, and never
  creates an account: an unknown person is refused with a page that says so;
- never changes the account: the role stays the one Heard's administrator gave.

Each attempt leaves its outcome on the request (``request.heard_sso``) for the callback view
(``heard.core.sso_views``), which signs in or sends to the refusal page and records the sign-in
event. A signature that does not verify, a wrong nonce, or a provider that cannot be reached is
a refusal too, never an error page. Nothing here logs an email address or a token.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from heard.core.models import Partnership

logger = logging.getLogger(__name__)

#: Session keys: signed in through the provider; and its multi-factor check accepted for Heard's
#: two-factor step (``heard.core.security.needs_verification`` reads it).
SSO_SESSION_KEY = "heard_sso"
PROVIDER_MFA_SESSION_KEY = "heard_provider_mfa"
#: The refusal shown once on the refusal page: ``{"reason": ..., "email": ...}``.
REFUSAL_SESSION_KEY = "heard_sso_refusal"


class Reason:
    """Why a single sign-on was refused (the sign-in event's detail, and the page's text)."""

    UNKNOWN = "not set up in Heard"
    UNVERIFIED = "email address not verified"
    NO_EMAIL = "no email address"
    TOKEN = "token refused"  # noqa: S105 - a reason, not a secret
    PROVIDER = "provider error"
    CANCELLED = "cancelled at the provider"


@dataclass
class Attempt:
    """One single sign-on attempt's outcome, kept on the request."""

    email: str = ""
    reason: str = ""
    multi_factor: bool = False
    amr: list[str] = field(default_factory=list)


def attempt_of(request: HttpRequest) -> Attempt:
    attempt = getattr(request, "heard_sso", None)
    if not isinstance(attempt, Attempt):
        attempt = Attempt()
        request.heard_sso = attempt  # type: ignore[attr-defined]
    return attempt


def is_multi_factor(amr: Any) -> bool:
    """True when the ID token's ``amr`` (a list of methods) names a multi-factor method."""
    if isinstance(amr, str):
        amr = [amr]
    if not isinstance(amr, list | tuple):
        return False
    wanted = set(getattr(settings, "HEARD_SSO_MULTI_FACTOR_AMR", ()))
    return any(str(method).strip().lower() in wanted for method in amr)


def provider_mfa_trusted(request: HttpRequest) -> bool:
    """This session's provider multi-factor check counts as Heard's two-factor step: it was
    given at sign-in and the partnership (still) trusts it."""
    session = getattr(request, "session", None)
    if session is None or not session.get(PROVIDER_MFA_SESSION_KEY):
        return False
    return Partnership.current().trust_provider_mfa


def _verified(claims: dict[str, Any]) -> bool:
    value = claims.get(getattr(settings, "HEARD_SSO_EMAIL_VERIFIED_CLAIM", "email_verified"))
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return value is True


class HeardOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's backend, matching staff by verified email and never creating."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # Only the callback passes a nonce: a password sign-in is none of this backend's business.
        if request is None or "nonce" not in kwargs:
            return None
        attempt = attempt_of(request)
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.PyJWTError) as exc:
            attempt.reason = Reason.TOKEN
            logger.warning("Single sign-on refused a token: %s", type(exc).__name__)
        except requests.RequestException as exc:
            attempt.reason = Reason.PROVIDER
            logger.warning("Single sign-on could not reach the provider: %s", type(exc).__name__)
        return None

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The one active member of staff with the provider's verified email, or None."""
        attempt = attempt_of(self.request)
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        attempt.email = str(claims.get("email") or "").strip().lower()
        attempt.amr = [str(method) for method in payload.get("amr") or [] if method]
        attempt.multi_factor = is_multi_factor(payload.get("amr"))
        if not attempt.email:
            attempt.reason = Reason.NO_EMAIL
            return None
        if not _verified(claims):
            attempt.reason = Reason.UNVERIFIED
            return None
        users = list(self.UserModel.objects.filter(email__iexact=attempt.email, is_active=True)[:2])
        if len(users) != 1:
            attempt.reason = Reason.UNKNOWN
            return None
        return users[0]

    def get_user(self, user_id: Any) -> Any:
        """The signed-in member of staff for each request, while their account is active."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


def provider_sign_out_url(request: HttpRequest) -> str | None:
    """The provider's end-session address for a session signed in through it, when
    ``OIDC_OP_LOGOUT_ENDPOINT`` is set (after it, the provider sends back to Heard's sign-in
    page); None otherwise. Read it before the session ends."""
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
    session = getattr(request, "session", None)
    if not endpoint or session is None or not session.get(SSO_SESSION_KEY):
        return None
    query = {
        "client_id": getattr(settings, "OIDC_RP_CLIENT_ID", ""),
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("core:sign-in")),
    }
    if session.get("oidc_id_token"):
        query["id_token_hint"] = session["oidc_id_token"]
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"


def sign_out_url(request: HttpRequest) -> str:
    """mozilla-django-oidc's ``OIDC_OP_LOGOUT_URL_METHOD``: the provider's end-session address,
    else Heard's sign-in page."""
    return provider_sign_out_url(request) or reverse("core:sign-in")
