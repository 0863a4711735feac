"""A real OpenID Connect provider for the single sign-on tests, one per test session.

``oidc_provider`` starts the small Django project in ``tests/sso/provider`` (django-oauth-toolkit
with OIDC on and an RSA key made now) as its own process on 127.0.0.1, with its own SQLite
database in a temporary directory, Heard as its confidential client, and the people of
``PEOPLE``. Heard's side is Django's test client: the callback's calls to the provider's token,
keys and userinfo endpoints are real HTTP. Without django-oauth-toolkit the tests skip, saying so.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from heard.config.parts import sso as sso_part

PROVIDER_DIR = Path(__file__).parent / "provider"
CLIENT_ID = "heard-test-client"
CLIENT_SECRET = "heard-test-secret-not-a-real-one"
PASSWORD = "provider-password-1"
CALLBACK = "http://testserver/oidc/callback/"
#: Who the provider knows, and what it says about them (tests change ``amr`` and the switch).
PEOPLE: dict[str, dict[str, Any]] = {
    "known": {"email": "Known.Person@Council.test", "email_verified": True, "amr": ["pwd"]},
    "stranger": {"email": "stranger@council.test", "email_verified": True, "amr": ["pwd"]},
    "unverified": {"email": "unverified@council.test", "email_verified": False},
    "gone": {"email": "gone@council.test", "email_verified": True},
}


#: What the provider needs (module: package); django-oauth-toolkit is a dev dependency.
NEEDED = {"oauth2_provider": "django-oauth-toolkit", "jwcrypto": "jwcrypto", "requests": "requests"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sso: starts a real OpenID Connect provider process (tests/sso/provider)"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _signing_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass
class Provider:
    url: str
    claims_file: Path

    def endpoint(self, path: str) -> str:
        return f"{self.url}/o/{path}"

    def say(self, *, misbehave: str = "", **people: dict[str, Any]) -> None:
        """What the provider says from now on: ``PEOPLE`` changed by ``people``; a switch."""
        users = {name: {**claims, **people.get(name, {})} for name, claims in PEOPLE.items()}
        state: dict[str, Any] = {"users": users}
        if misbehave:
            state["_misbehave"] = misbehave
            state["_tampered_email"] = "someone.else@council.test"
        self.claims_file.write_text(json.dumps(state))

    def env(self) -> dict[str, str]:
        """The environment Heard's settings part reads to talk to this provider."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.endpoint("authorize/"),
            "OIDC_OP_TOKEN_ENDPOINT": self.endpoint("token/"),
            "OIDC_OP_USER_ENDPOINT": self.endpoint("userinfo/"),
            "OIDC_OP_JWKS_ENDPOINT": self.endpoint(".well-known/jwks.json"),
            "OIDC_PROVIDER_NAME": "Test Council",
        }


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    for module, package in NEEDED.items():
        pytest.importorskip(
            module, reason=f"{package} is not installed: no OpenID Connect provider to test against"
        )
    import requests

    state = tmp_path_factory.mktemp("oidc-provider")
    (state / "signing-key.pem").write_text(_signing_key())
    port = _free_port()
    provider = Provider(url=f"http://127.0.0.1:{port}", claims_file=state / "claims.json")
    provider.say()
    env = {
        # Not pytest-cov's subprocess switches: the provider is no part of Heard's coverage.
        **{name: value for name, value in os.environ.items() if not name.startswith("COV_CORE")},
        "PYTHONPATH": str(PROVIDER_DIR),
        "DJANGO_SETTINGS_MODULE": "oidc_provider.settings",
        "PROVIDER_STATE_DIR": str(state),
        "PROVIDER_PORT": str(port),
        "PROVIDER_CLAIMS_FILE": str(provider.claims_file),
        "PROVIDER_CLIENT_ID": CLIENT_ID,
        "PROVIDER_CLIENT_SECRET": CLIENT_SECRET,
        "PROVIDER_REDIRECT_URI": CALLBACK,
        "PROVIDER_POST_LOGOUT_URI": "http://testserver/sign-in/",
        "PROVIDER_PASSWORD": PASSWORD,
    }
    subprocess.run(  # noqa: S603 - this interpreter, the test provider's own module
        [sys.executable, "-m", "oidc_provider.bootstrap"], env=env, check=True, timeout=120
    )
    log = (state / "provider.log").open("w")
    server = subprocess.Popen(  # noqa: S603 - this interpreter, Django's runserver
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(provider.endpoint(".well-known/jwks.json"), timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    f"the test provider did not start: {(state / 'provider.log').read_text()}"
                )
            time.sleep(0.1)
        yield provider
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def apply_sso_settings(settings: Any, env: dict[str, str]) -> None:
    """Heard's settings as ``heard.config.parts.sso`` makes them for ``env`` (without adding the
    app to INSTALLED_APPS: it has no models or templates), and the URLs with ``oidc/``."""
    namespace: dict[str, Any] = {
        "AUTHENTICATION_BACKENDS": list(settings.AUTHENTICATION_BACKENDS),
        "INSTALLED_APPS": list(settings.INSTALLED_APPS),
    }
    sso_part.configure(namespace, env)
    namespace.pop("INSTALLED_APPS")
    for name, value in namespace.items():
        setattr(settings, name, value)
    settings.ROOT_URLCONF = "tests.sso.urls"


@pytest.fixture
def sso_on(settings: Any, oidc_provider: Provider, db: Any) -> Iterator[Provider]:
    """Single sign-on on, talking to the session's provider, which says ``PEOPLE`` again."""
    apply_sso_settings(settings, oidc_provider.env())
    oidc_provider.say()
    yield oidc_provider
    oidc_provider.say()


def sign_in_at_provider(client: Any, provider: Provider, username: str, next_url: str = "") -> Any:
    """Heard's "Sign in with ..." -> the provider's sign-in -> Heard's callback; its response."""
    import requests
    from django.urls import reverse

    start = reverse("oidc_authentication_init") + (f"?next={next_url}" if next_url else "")
    response = client.get(start)
    assert response.status_code == 302, response
    browser = requests.Session()
    location = response["Location"]
    assert location.startswith(provider.endpoint("authorize/"))
    answer = browser.get(location, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    login_url = urljoin(location, answer.headers["Location"])
    answer = browser.post(
        login_url, data={"username": username, "password": PASSWORD}, allow_redirects=False
    )
    assert answer.status_code == 302, answer.text
    answer = browser.get(urljoin(login_url, answer.headers["Location"]), allow_redirects=False)
    assert answer.status_code == 302, answer.text
    callback = urlsplit(answer.headers["Location"])
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == CALLBACK
    return client.get(f"{callback.path}?{callback.query}")
