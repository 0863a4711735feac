"""Welsh and English settings (heard.config.parts.languages) and which pages follow the language
chosen (heard.portal.languages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from heard.config.parts import languages
from heard.portal.languages import is_translated

BASE_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]


def _configured(**extra: object) -> dict[str, object]:
    namespace: dict[str, object] = {
        "SRC_DIR": Path("/srv/heard/src/heard"),
        "MIDDLEWARE": list(BASE_MIDDLEWARE),
        **extra,
    }
    languages.configure(namespace, {})
    return namespace


def test_english_and_welsh_with_the_catalogue_beside_the_code():
    namespace = _configured()
    assert namespace["LANGUAGES"] == [("en-gb", "English"), ("cy", "Cymraeg")]
    assert namespace["LOCALE_PATHS"] == [Path("/srv/heard/src/heard/locale")]
    assert namespace["LANGUAGE_COOKIE_HTTPONLY"] is True
    assert namespace["LANGUAGE_COOKIE_SAMESITE"] == "Lax"
    assert namespace["LANGUAGE_COOKIE_SECURE"] is False
    assert _configured(HTTPS=True)["LANGUAGE_COOKIE_SECURE"] is True


def test_the_locale_middleware_goes_after_sessions_and_before_common_once():
    namespace = _configured()
    languages.configure(namespace, {})  # applied twice: still once
    middleware = namespace["MIDDLEWARE"]
    assert middleware == [
        BASE_MIDDLEWARE[0],
        BASE_MIDDLEWARE[1],
        languages.MIDDLEWARE,
        *BASE_MIDDLEWARE[2:],
    ]


def test_the_project_settings_use_it(settings):
    middleware = settings.MIDDLEWARE
    assert middleware.index(languages.MIDDLEWARE) == (
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware") + 1
    )
    assert middleware.index(languages.MIDDLEWARE) < middleware.index(
        "django.middleware.common.CommonMiddleware"
    )
    assert Path(settings.LOCALE_PATHS[0]) == Path(settings.SRC_DIR) / "locale"


@pytest.mark.parametrize(
    ("path", "translated"),
    [
        ("/portal/", True),
        ("/portal/sign-in/", True),
        ("/portal/get-involved/", True),
        ("/you-said-we-did/", True),
        ("/you-said-we-did/themes/3/", True),
        ("/portal/codes/7/", False),  # a member of staff issues a young person's codes
        ("/portal/codes/7/revoke/2/", False),
        ("/home/", False),
        ("/people/young-people/", False),
        ("/sign-in/", False),
        ("/api/v1/views/", False),
        ("/portalx/", False),
    ],
)
def test_only_the_young_peoples_pages_follow_the_language(path, translated):
    assert is_translated(path) is translated
