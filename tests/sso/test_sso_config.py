"""heard.config.parts.sso: single sign-on settings from the environment, on a fresh namespace."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from heard.config.parts import sso

BASE_BACKENDS = [
    "heard.core.security.SignInLockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
ENV = {
    "OIDC_RP_CLIENT_ID": " heard ",
    "OIDC_RP_CLIENT_SECRET": "s3cret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example/keys",
}


def namespace() -> dict[str, Any]:
    return {"INSTALLED_APPS": ["heard.core"], "AUTHENTICATION_BACKENDS": list(BASE_BACKENDS)}


def test_nothing_set_changes_nothing_but_says_sso_is_off():
    settings = namespace()
    sso.configure(settings, {})
    assert settings == {**namespace(), "HEARD_SSO_ENABLED": False}


def test_a_blank_client_id_is_off():
    settings = namespace()
    sso.configure(settings, {"OIDC_RP_CLIENT_ID": "  ", "OIDC_RP_CLIENT_SECRET": "x"})
    assert settings["HEARD_SSO_ENABLED"] is False
    assert "OIDC_RP_CLIENT_SECRET" not in settings


def test_a_client_id_turns_it_on_with_heards_rules():
    settings = namespace()
    sso.configure(settings, ENV)
    assert settings["HEARD_SSO_ENABLED"] is True
    assert settings["OIDC_RP_CLIENT_ID"] == "heard"
    assert settings["OIDC_OP_TOKEN_ENDPOINT"] == "https://login.example/token"
    assert settings["INSTALLED_APPS"] == ["heard.core", "mozilla_django_oidc"]
    # After the lockout backend, so a locked address is refused before the provider is asked.
    assert settings["AUTHENTICATION_BACKENDS"] == [
        "heard.core.security.SignInLockoutBackend",
        "heard.core.sso.HeardOIDCBackend",
        "rules.permissions.ObjectPermissionBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    assert settings["OIDC_CREATE_USER"] is False
    assert settings["OIDC_RP_SCOPES"] == "openid email profile"
    assert settings["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert settings["OIDC_USE_NONCE"] is True and settings["OIDC_USE_PKCE"] is True
    assert settings["OIDC_VERIFY_SSL"] is True
    assert settings["OIDC_TIMEOUT"] == 10
    assert settings["OIDC_STORE_ID_TOKEN"] is False
    assert "mfa" in settings["HEARD_SSO_MULTI_FACTOR_AMR"]
    assert "pwd" not in settings["HEARD_SSO_MULTI_FACTOR_AMR"]
    assert settings["HEARD_SSO_PROVIDER_NAME"] == "your council account"
    assert settings["HEARD_SSO_EMAIL_VERIFIED_CLAIM"] == "email_verified"
    assert "OIDC_OP_LOGOUT_ENDPOINT" not in settings


def test_the_optional_settings():
    settings = namespace()
    sso.configure(
        settings,
        {
            **ENV,
            "OIDC_OP_LOGOUT_ENDPOINT": "https://login.example/logout",
            "OIDC_RP_SCOPES": "openid email",
            "OIDC_TIMEOUT": "3",
            "OIDC_VERIFY_SSL": "false",
            "OIDC_PROVIDER_NAME": "Contoso Council",
            "OIDC_EMAIL_VERIFIED_CLAIM": "xms_edov",
        },
    )
    assert settings["OIDC_OP_LOGOUT_ENDPOINT"] == "https://login.example/logout"
    assert settings["OIDC_STORE_ID_TOKEN"] is True  # for the end-session request's id_token_hint
    assert settings["OIDC_RP_SCOPES"] == "openid email"
    assert settings["OIDC_TIMEOUT"] == 3
    assert settings["OIDC_VERIFY_SSL"] is False
    assert settings["HEARD_SSO_PROVIDER_NAME"] == "Contoso Council"
    assert settings["HEARD_SSO_EMAIL_VERIFIED_CLAIM"] == "xms_edov"


def test_configuring_twice_adds_the_backend_once():
    settings = namespace()
    sso.configure(settings, ENV)
    sso.configure(settings, ENV)
    assert settings["AUTHENTICATION_BACKENDS"].count("heard.core.sso.HeardOIDCBackend") == 1


def test_without_the_lockout_backend_it_goes_first():
    settings = {"AUTHENTICATION_BACKENDS": ["django.contrib.auth.backends.ModelBackend"]}
    sso.configure(settings, ENV)
    assert settings["AUTHENTICATION_BACKENDS"][0] == "heard.core.sso.HeardOIDCBackend"


@pytest.mark.parametrize("missing", [*sso.REQUIRED, "OIDC_OP_JWKS_ENDPOINT"])
def test_a_missing_endpoint_stops_heard_starting(missing):
    env = {name: value for name, value in ENV.items() if name != missing}
    with pytest.raises(ImproperlyConfigured, match=missing):
        sso.configure(namespace(), env)


def test_a_shared_secret_algorithm_needs_no_keys_endpoint():
    env = {name: value for name, value in ENV.items() if name != "OIDC_OP_JWKS_ENDPOINT"}
    settings = namespace()
    sso.configure(settings, {**env, "OIDC_RP_SIGN_ALGO": "HS256"})
    assert settings["OIDC_RP_SIGN_ALGO"] == "HS256"


def test_heards_settings_module_runs_it(settings):
    # Heard's own run has no OIDC_RP_CLIENT_ID: single sign-on is off.
    assert settings.HEARD_SSO_ENABLED is False
    assert "heard.core.sso.HeardOIDCBackend" not in settings.AUTHENTICATION_BACKENDS
