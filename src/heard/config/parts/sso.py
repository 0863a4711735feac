"""Single sign-on with the council's OpenID Connect provider (mozilla-django-oidc).

Off unless ``OIDC_RP_CLIENT_ID`` is set. Then staff may sign in with the provider (Microsoft
Entra ID, Google Workspace, any OpenID Connect provider) as well as with their password: the
provider's verified email address is matched to an active member of staff an administrator
created (``heard.core.sso``); nobody is ever created, and roles stay in Heard. See docs/sso.md.

Variables (those of mozilla-django-oidc, plus two of Heard's):

- ``OIDC_RP_CLIENT_ID``, ``OIDC_RP_CLIENT_SECRET``: Heard's client at the provider.
- ``OIDC_OP_AUTHORIZATION_ENDPOINT``, ``OIDC_OP_TOKEN_ENDPOINT``, ``OIDC_OP_USER_ENDPOINT``,
  ``OIDC_OP_JWKS_ENDPOINT``: the provider's endpoints (its discovery document lists them).
- ``OIDC_OP_LOGOUT_ENDPOINT`` (optional): the provider's end-session endpoint; signing out of
  Heard then signs out of the provider too.
- ``OIDC_RP_SIGN_ALGO`` (RS256), ``OIDC_RP_SCOPES`` ("openid email profile"),
  ``OIDC_TIMEOUT`` (10 seconds), ``OIDC_VERIFY_SSL`` (true; only a test provider turns it off).
- ``OIDC_PROVIDER_NAME`` (e.g. "Contoso Council"): the sign-in button says "Sign in with ...".
- ``OIDC_EMAIL_VERIFIED_CLAIM`` ("email_verified"): the claim that must be true.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

#: The provider's settings, copied from the environment as they are (when given).
PASSED_THROUGH = (
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
    "OIDC_OP_LOGOUT_ENDPOINT",
)
#: Without these, single sign-on cannot work (and every sign-in would fail): Heard will not start.
REQUIRED = (
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)
BACKEND = "heard.core.sso.HeardOIDCBackend"
LOCKOUT_BACKEND = "heard.core.security.SignInLockoutBackend"
#: ``amr`` values (RFC 8176 and the providers' own) that say more than one factor was used.
MULTI_FACTOR_AMR = ("mfa", "otp", "hwk", "swk", "fido", "sms", "mca", "rba", "sc", "tel")


def _true(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _signed_with_keys(settings: Mapping[str, Any]) -> bool:
    """RS256 and the like are checked with the provider's published keys (its JWKS)."""
    return str(settings["OIDC_RP_SIGN_ALGO"]).startswith(("RS", "ES"))


def configure(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    """Change ``settings`` (the settings module's namespace) for ``env``."""
    client_id = env.get("OIDC_RP_CLIENT_ID", "").strip()
    settings["HEARD_SSO_ENABLED"] = bool(client_id)
    if not client_id:
        return
    settings["OIDC_RP_CLIENT_ID"] = client_id
    for name in PASSED_THROUGH:
        if env.get(name):
            settings[name] = env[name].strip()
    settings["OIDC_RP_SIGN_ALGO"] = env.get("OIDC_RP_SIGN_ALGO", "").strip() or "RS256"
    needed = [*REQUIRED, *(("OIDC_OP_JWKS_ENDPOINT",) if _signed_with_keys(settings) else ())]
    missing = [name for name in needed if not settings.get(name)]
    if missing:
        raise ImproperlyConfigured(
            f"Single sign-on (OIDC_RP_CLIENT_ID is set) also needs {', '.join(missing)}: "
            "see docs/sso.md."
        )
    settings["OIDC_RP_SCOPES"] = env.get("OIDC_RP_SCOPES", "").strip() or "openid email profile"
    settings["OIDC_TIMEOUT"] = int(env.get("OIDC_TIMEOUT", "") or 10)
    settings["OIDC_VERIFY_SSL"] = _true(env.get("OIDC_VERIFY_SSL", "true"))
    settings["OIDC_CREATE_USER"] = False
    settings["OIDC_USE_NONCE"] = True
    settings["OIDC_USE_PKCE"] = True
    settings["OIDC_STORE_ID_TOKEN"] = bool(settings.get("OIDC_OP_LOGOUT_ENDPOINT"))
    settings["OIDC_OP_LOGOUT_URL_METHOD"] = "heard.core.sso.sign_out_url"
    settings["HEARD_SSO_PROVIDER_NAME"] = (
        env.get("OIDC_PROVIDER_NAME", "").strip() or "your council account"
    )
    settings["HEARD_SSO_EMAIL_VERIFIED_CLAIM"] = (
        env.get("OIDC_EMAIL_VERIFIED_CLAIM", "").strip() or "email_verified"
    )
    settings["HEARD_SSO_MULTI_FACTOR_AMR"] = MULTI_FACTOR_AMR
    settings["INSTALLED_APPS"] = [*settings.get("INSTALLED_APPS", []), "mozilla_django_oidc"]
    backends = [b for b in settings.get("AUTHENTICATION_BACKENDS", []) if b != BACKEND]
    at = backends.index(LOCKOUT_BACKEND) + 1 if LOCKOUT_BACKEND in backends else 0
    settings["AUTHENTICATION_BACKENDS"] = [*backends[:at], BACKEND, *backends[at:]]
